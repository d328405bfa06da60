#pragma once

#include <QLocale>

namespace threadlab {

// Installs Qt's own translations (standard dialogs and buttons) and ThreadLab's for the locale,
// where they exist; returns whether ThreadLab's was found. The window calls it with the system's
// locale; the CLI does not, so its output and the file formats stay in English.
bool installTranslations(const QLocale &locale = QLocale());

} // namespace threadlab
