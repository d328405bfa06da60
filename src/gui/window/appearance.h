#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QMenu;

namespace threadlab {

// View → Appearance: follow the desktop (the default: its style and palette, or Qt's -style), or
// Fusion with a light or a dark palette. The chart, its legend and axis follow whichever is used.
class Appearance : public QObject
{
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    Appearance(QMenu *menu, QObject *parent);
    void apply(Theme theme);
    Theme theme() const { return m_theme; }
    static QPalette darkPalette();

private:
    Theme m_theme = Theme::System;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace threadlab
