#include "window/appearance.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace threadlab {

namespace {
const QString kKey = QStringLiteral("view/theme");
}

Appearance::Appearance(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_systemStyle(QApplication::style()->name())
    , m_systemPalette(QApplication::palette())
{
    auto *group = new QActionGroup(this);
    const std::pair<Theme, QString> choices[] = { { Theme::System, tr("Follow the &Desktop") },
        { Theme::Light, tr("&Light") }, { Theme::Dark, tr("Dar&k") } };
    const auto saved = Theme(QSettings().value(kKey, int(Theme::System)).toInt());
    for (const auto &[theme, label] : choices) {
        QAction *action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(theme == saved);
        group->addAction(action);
        const Theme choice = theme; // a structured binding cannot be captured before C++20's fix in clang 16
        connect(action, &QAction::triggered, this, [this, choice] {
            apply(choice);
            QSettings().setValue(kKey, int(choice));
        });
    }
    if (saved == Theme::Light || saved == Theme::Dark)
        apply(saved);
}

void Appearance::apply(Theme theme)
{
    m_theme = theme;
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_systemPalette);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

QPalette Appearance::darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2e, 0x33);
    const QColor base(0x1f, 0x22, 0x26);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor disabled(0x80, 0x84, 0x8a);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3f, 0x46));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd1));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x45, 0x4a, 0x52));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3f, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x27, 0x2b));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1d));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

QIcon Appearance::runIcon(const QPalette &palette, bool run)
{
    constexpr int kSize = 32;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette.color(QPalette::ButtonText));
    if (run) {
        const QPointF triangle[] = { { 8, 5 }, { 27, 16 }, { 8, 27 } };
        painter.drawPolygon(triangle, 3);
    } else {
        painter.drawRect(QRectF(7, 7, 18, 18));
    }
    painter.end();
    return QIcon(pixmap);
}

} // namespace threadlab
