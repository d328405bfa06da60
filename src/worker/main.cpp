#include "workersession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

// threadlab-worker: a child process of ThreadLab's process executor. Not meant to be run by hand.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("threadlab-worker"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ThreadLab worker process (started by the process executor)"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("index"), QStringLiteral("This worker's index."), QStringLiteral("n") });
    parser.process(app);
    bool indexOk = false;
    const int index = parser.value(QStringLiteral("index")).toInt(&indexOk);
    if (!indexOk || index < 0) {
        std::fprintf(stderr, "threadlab-worker: needs --index N (it is started by threadlab)\n");
        return 64;
    }
    threadlab::WorkerSession session(index);
    return session.exec();
}
