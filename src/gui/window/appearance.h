#pragma once

#include <QIcon>
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
    // The toolbar's Run (a triangle) or Stop (a square) icon in the palette's button text colour:
    // the styles' own play and stop icons stay dark on a dark palette.
    static QIcon runIcon(const QPalette &palette, bool run);

private:
    Theme m_theme = Theme::System;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace threadlab
