#include "cli.h"
#include "mainwindow.h"
#include "netservices.h"
#include "run.h"

#include <QApplication>

namespace {

QtMessageHandler g_defaultHandler = nullptr;

// The CLI's output is the run's: keep Qt's remarks about the desktop session out of it.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.startsWith(QStringLiteral("QStandardPaths:"))
            || message.contains(QStringLiteral("propagateSizeHints"))))
        return;
    g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool headless = threadlab::Cli::handles(arguments);
    // The CLI shows no window, but drawing charts and text needs a GUI application: use the
    // offscreen platform so it runs without a display.
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (headless)
        g_defaultHandler = qInstallMessageHandler(quietHandler);
    QApplication app(argc, argv);
    threadlab::Run::setNetworkFactory([] { return std::make_shared<threadlab::NetServices>(); });
    QApplication::setApplicationName(QStringLiteral("ThreadLab"));
    QApplication::setOrganizationName(QStringLiteral("ThreadLab"));
    if (headless)
        return threadlab::Cli::exec(arguments);
    Q_INIT_RESOURCE(threadlab);
    threadlab::MainWindow window;
    window.show();
    return app.exec();
}
