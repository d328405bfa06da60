#include "mainwindow.h"

#include <QImage>
#include <QTest>

using namespace threadlab;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsALessonAndShowsTheOutcome();
};

void TestMainWindow::runsALessonAndShowsTheOutcome()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.selectScenario(QStringLiteral("thread-local"));
    QVERIFY(window.outputText().contains(QStringLiteral("threading.local")));
    window.startRun();
    QVERIFY(window.isRunning() || window.outputText().contains(QStringLiteral("Running")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning() && !window.outputText().contains(QStringLiteral("Running…")), 60'000);
    QVERIFY2(
        window.outputText().contains(QStringLiteral("expected 300000, got 300000")), qPrintable(window.outputText()));
    const QImage shot = window.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.width() > 400);
    // Not blank: more than one colour on screen.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    QVERIFY(colours.size() > 3);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
