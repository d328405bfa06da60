#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (threadlab::Cli::handles(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("threadlab"));
        return threadlab::Cli::exec(arguments);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ThreadLab"));
    QApplication::setOrganizationName(QStringLiteral("ThreadLab"));
    Q_INIT_RESOURCE(threadlab);
    threadlab::MainWindow window;
    window.show();
    return app.exec();
}
