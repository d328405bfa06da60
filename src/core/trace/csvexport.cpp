#include "trace/csvexport.h"

#include "base/coretext.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QIODevice>
#include <QStringList>

namespace threadlab {

namespace {

// A text cell: a leading ' keeps a spreadsheet from reading it as a formula (=, +, -, @, tab, CR;
// and ' itself, so that reading strips exactly one); quoted when it holds , " CR or LF (RFC 4180).
QByteArray textCell(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r'").contains(bytes.front()))
        bytes.prepend('\'');
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QString fromTextCell(const QString &cell)
{
    return cell.startsWith(u'\'') ? cell.mid(1) : cell;
}

// Reads RFC 4180 records: fields separated by commas, records by CRLF (or LF), quoted fields may
// hold commas, quotes (doubled) and line breaks. Bounded: a record longer than kMaxRecord is an error.
class CsvRecords
{
public:
    static constexpr qsizetype kMaxRecord = 1 << 20;

    explicit CsvRecords(QIODevice &in)
        : m_in(in)
    { }

    // The next record's fields; nullopt at the end; an error for an unterminated quote or a record
    // too long. line() is the line the record began on.
    Result<std::optional<QStringList>> next()
    {
        QStringList fields;
        QByteArray field;
        bool inQuotes = false;
        bool any = false;
        m_recordLine = m_line;
        qsizetype size = 0;
        char c = 0;
        while (m_in.getChar(&c)) {
            any = true;
            if (++size > kMaxRecord)
                return Error(QStringLiteral("a record of more than %1 bytes").arg(kMaxRecord));
            if (inQuotes) {
                if (c == '"') {
                    char after = 0;
                    if (m_in.peek(&after, 1) == 1 && after == '"') {
                        m_in.getChar(&after);
                        field += '"';
                    } else {
                        inQuotes = false;
                    }
                } else {
                    m_line += c == '\n' ? 1 : 0;
                    field += c;
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == ',') {
                fields << QString::fromUtf8(field);
                field.clear();
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    char after = 0;
                    if (m_in.peek(&after, 1) == 1 && after == '\n')
                        m_in.getChar(&after);
                }
                ++m_line;
                fields << QString::fromUtf8(field);
                return std::optional<QStringList>(fields);
            } else {
                field += c;
            }
        }
        if (inQuotes)
            return Error(QStringLiteral("a quoted field is not closed"));
        if (!any)
            return std::optional<QStringList>();
        fields << QString::fromUtf8(field);
        return std::optional<QStringList>(fields);
    }
    int line() const { return m_recordLine; }

private:
    QIODevice &m_in;
    int m_line = 1;
    int m_recordLine = 1;
};

QString objectOf(const Trace &trace, const Segment &segment)
{
    if (segment.object == kNoObject)
        return {};
    if (segment.state == State::JoinWait)
        return size_t(segment.object) < trace.tasks.size() ? trace.tasks[segment.object].name : QString();
    return trace.objectName(segment.object);
}

} // namespace

QByteArray CsvExport::header()
{
    return "lane,pid,tid,state,start_ns,end_ns,duration_ns,task,object,cpu\r\n";
}

Result<void> CsvExport::write(const Trace &trace, QIODevice &out)
{
    const auto cannotWrite = [&out] { return Error(Text::tr("cannot write: ") + out.errorString()); };
    if (out.write(header()) < 0)
        return cannotWrite();
    QByteArray chunk;
    for (const LaneTrack &lane : trace.lanes) {
        const QByteArray name = textCell(lane.info.name);
        const QByteArray ids = ',' + QByteArray::number(lane.info.pid) + ',' + QByteArray::number(lane.info.tid) + ',';
        auto row = [&](const Segment &s) {
            const QString task
                = s.task >= 0 && size_t(s.task) < trace.tasks.size() ? trace.tasks[size_t(s.task)].name : QString();
            chunk += name + ids + stateName(s.state).toUtf8() + ',' + QByteArray::number(s.startNs - trace.originNs)
                + ',' + QByteArray::number(s.endNs - trace.originNs) + ',' + QByteArray::number(s.durationNs()) + ','
                + textCell(task) + ',' + textCell(objectOf(trace, s)) + ','
                + (s.state == State::Running && !lane.os.empty()
                        ? QByteArray::number(TraceAnalysis::cpuAt(lane, s.startNs + s.durationNs() / 2))
                        : QByteArray())
                + "\r\n";
        };
        for (const Segment &segment : lane.segments) {
            row(segment);
            if (chunk.size() > (1 << 20)) {
                if (out.write(chunk) != chunk.size())
                    return cannotWrite();
                chunk.clear();
            }
        }
        if (lane.hasOpenSegment && lane.open.endNs > lane.open.startNs)
            row(lane.open);
    }
    if (out.write(chunk) != chunk.size())
        return cannotWrite();
    return {};
}

Result<std::vector<CsvExport::Row>> CsvExport::read(QIODevice &in)
{
    auto fail = [](int line, const QString &what) { return Error(Text::tr("line %1: %2").arg(line).arg(what)); };
    std::vector<Row> rows;
    CsvRecords records(in);
    const QStringList expected = QString::fromUtf8(header().trimmed()).split(u',');
    Result<std::optional<QStringList>> first = records.next();
    if (!first || !*first || **first != expected)
        return fail(1, QStringLiteral("expected the header %1").arg(expected.join(u',')));
    for (;;) {
        Result<std::optional<QStringList>> record = records.next();
        if (!record)
            return fail(records.line(), record.error().text());
        if (!*record)
            break;
        const QStringList &parts = **record;
        if (parts.size() != 10)
            return fail(records.line(), QStringLiteral("expected 10 fields, found %1").arg(parts.size()));
        const auto state = stateFromName(parts.at(3));
        bool ok[5] = {};
        Row row { fromTextCell(parts.at(0)), parts.at(1).toLongLong(&ok[0]), parts.at(2).toLongLong(&ok[1]),
            state.value_or(State::Running), parts.at(4).toLongLong(&ok[2]), parts.at(5).toLongLong(&ok[3]),
            fromTextCell(parts.at(7)), fromTextCell(parts.at(8)) };
        const qint64 duration = parts.at(6).toLongLong(&ok[4]);
        bool cpuOk = true;
        row.cpu = parts.at(9).isEmpty() ? -1 : parts.at(9).toInt(&cpuOk);
        if (!state || !ok[0] || !ok[1] || !ok[2] || !ok[3] || !ok[4] || !cpuOk || duration != row.endNs - row.startNs)
            return fail(records.line(), QStringLiteral("malformed row"));
        rows.push_back(row);
    }
    return rows;
}

} // namespace threadlab
