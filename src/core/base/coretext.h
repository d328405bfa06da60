#pragma once

#include <QCoreApplication>

namespace threadlab {

// The translation context of the core's user-visible messages (parse errors, run problems, the
// measured outcome): `Text::tr("…")` marks a message for lupdate and translates it where a
// translator is installed (the window; the CLI and the file formats stay in English).
class Text
{
    Q_DECLARE_TR_FUNCTIONS(threadlab)
};

} // namespace threadlab
