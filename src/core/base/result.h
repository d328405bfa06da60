#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <utility>
#include <variant>

namespace threadlab {

// Why something could not be done, in words a user can act on. Each line names what it is about
// (the file, and the field or line where known) and the reason, e.g.
// "lesson.json: tasks[2].steps[0].sleep: expected milliseconds >= 0". A reader that finds several
// problems reports them all, a line each.
class Error
{
public:
    explicit Error(QString line)
        : m_lines { std::move(line) }
    { }
    explicit Error(QStringList lines)
        : m_lines(std::move(lines))
    { }

    static const Error &none()
    {
        static const Error empty { QStringList {} };
        return empty;
    }

    const QStringList &lines() const { return m_lines; }
    QString text() const { return m_lines.join(u'\n'); }

private:
    QStringList m_lines;
};

// What every core operation that can fail returns: its value, or the Error that kept it from
// being made. (What goes wrong *during* a run that carries on is not a failure of a call: it is
// recorded with the run, see RecordedRun::errors.)
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): `return value;` reads best
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    // Why it failed; an Error without lines when it did not (so a message may be built either way).
    const Error &error() const { return ok() ? Error::none() : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// An operation that makes nothing: it succeeded, or here is why not.
template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error ? *m_error : Error::none(); }

private:
    std::optional<Error> m_error;
};

} // namespace threadlab
