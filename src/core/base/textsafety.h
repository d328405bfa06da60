#pragma once

#include <QChar>

namespace threadlab {

// What may stand in text that comes from a scenario or trace file and reaches a terminal, a file
// name or the screen. One definition for the parser (which refuses), the CLI (which escapes) and
// the names ThreadLab gives files.

// C0 and C1 controls, DEL, line/paragraph separators and bidi overrides; tab and newline only
// when layout is allowed.
constexpr bool isUnsafeCharacter(char16_t c, bool allowTabAndNewline = false) noexcept
{
    if (allowTabAndNewline && (c == u'\n' || c == u'\t'))
        return false;
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
}

// ASCII letters, digits, '-' and '_': what a file name ThreadLab makes from a name may keep.
constexpr bool isPlainNameCharacter(QChar c) noexcept
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
}

} // namespace threadlab
