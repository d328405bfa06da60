#include "base/memorypolicy.h"
#include "cli.h"
#include "clioptions.h"
#include "netservices.h"
#include "runtime/backgroundrelease.h"
#include "runtime/run.h"
#include "window/mainwindow.h"
#include "window/translations.h"

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

void describeApplication()
{
    QApplication::setApplicationName(QStringLiteral("ThreadLab"));
    QApplication::setOrganizationName(QStringLiteral("ThreadLab"));
    QApplication::setApplicationVersion(QStringLiteral(THREADLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(THREADLAB_APP_ID));
    threadlab::Run::setNetworkFactory([] { return std::make_shared<threadlab::NetServices>(); });
}

} // namespace

int main(int argc, char *argv[])
{
    threadlab::returnLargeBlocksToTheSystem();
    if (threadlab::Cli::handles(argc, argv)) {
        // The CLI shows no window, but drawing charts and text needs a GUI application: the
        // offscreen platform runs without a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        g_defaultHandler = qInstallMessageHandler(quietHandler);
        QApplication app(argc, argv);
        describeApplication();
        const int status = threadlab::Cli::exec(QApplication::arguments());
        // An exact capture's events may still be closing; exit would wait for them the same way.
        threadlab::BackgroundRelease::shared().waitUntilDone(std::chrono::seconds(1), [] {
            threadlab::CliOptions::err(QStringLiteral(
                "threadlab: waiting for the kernel to release its scheduler tracepoints (the system is "
                "switching threads very fast: this can take some seconds; what was recorded is written)"));
        });
        return status;
    }
    // The window: QApplication takes Qt's own options (-style, -platform, -reverse …) out of argv;
    // what is left is the file to open ("Open with", Exec=threadlab %f).
    QApplication app(argc, argv);
    describeApplication();
    threadlab::installTranslations();
    const QStringList rest = QApplication::arguments().mid(1);
    for (const QString &argument : rest) {
        if (argument.startsWith(u'-')) {
            threadlab::Cli::usage(QStringLiteral("unknown option '%1' (Qt's options such as -style and "
                                                 "-platform are passed on to Qt)")
                                      .arg(argument));
            return threadlab::Cli::Usage;
        }
    }
    if (rest.size() > 1)
        threadlab::CliOptions::err(
            QStringLiteral("threadlab: opens one file at a time; opening '%1'").arg(rest.first()));
    Q_INIT_RESOURCE(threadlab);
    threadlab::MainWindow window;
    window.show();
    if (!rest.isEmpty())
        window.loadFile(rest.first());
    return app.exec();
}
