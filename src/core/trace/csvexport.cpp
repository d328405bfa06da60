#include "trace/csvexport.h"

#include "base/coretext.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QIODevice>
#include <QStringList>

namespace threadlab {

namespace {

QByteArray quoted(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

// Splits one CSV line (RFC 4180 quoting); nullopt on an unterminated quote.
std::optional<QStringList> fields(const QString &line)
{
    QStringList out;
    QString field;
    bool inQuotes = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (inQuotes) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                inQuotes = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            inQuotes = true;
        } else if (c == u',') {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    if (inQuotes)
        return std::nullopt;
    out << field;
    return out;
}

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
    return "lane,pid,tid,state,start_ns,end_ns,duration_ns,task,object,cpu\n";
}

Result<void> CsvExport::write(const Trace &trace, QIODevice &out)
{
    const auto cannotWrite = [&out] { return Error(Text::tr("cannot write: ") + out.errorString()); };
    if (out.write(header()) < 0)
        return cannotWrite();
    QByteArray chunk;
    for (const LaneTrack &lane : trace.lanes) {
        const QByteArray name = quoted(lane.info.name);
        const QByteArray ids = ',' + QByteArray::number(lane.info.pid) + ',' + QByteArray::number(lane.info.tid) + ',';
        auto row = [&](const Segment &s) {
            const QString task
                = s.task >= 0 && size_t(s.task) < trace.tasks.size() ? trace.tasks[size_t(s.task)].name : QString();
            chunk += name + ids + stateName(s.state).toUtf8() + ',' + QByteArray::number(s.startNs - trace.originNs)
                + ',' + QByteArray::number(s.endNs - trace.originNs) + ',' + QByteArray::number(s.durationNs()) + ','
                + quoted(task) + ',' + quoted(objectOf(trace, s)) + ','
                + (s.state == State::Running && !lane.os.empty()
                        ? QByteArray::number(TraceAnalysis::cpuAt(lane, s.startNs + s.durationNs() / 2))
                        : QByteArray())
                + '\n';
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
    if (in.readLine() != header())
        return fail(1, QStringLiteral("expected the header %1").arg(QString::fromUtf8(header().trimmed())));
    int number = 1;
    while (!in.atEnd()) {
        ++number;
        const QString line = QString::fromUtf8(in.readLine()).chopped(1);
        const auto parts = fields(line);
        if (!parts || parts->size() != 10)
            return fail(number, QStringLiteral("expected 10 fields"));
        const auto state = stateFromName(parts->at(3));
        bool ok[5] = {};
        Row row { parts->at(0), parts->at(1).toLongLong(&ok[0]), parts->at(2).toLongLong(&ok[1]),
            state.value_or(State::Running), parts->at(4).toLongLong(&ok[2]), parts->at(5).toLongLong(&ok[3]),
            parts->at(7), parts->at(8) };
        const qint64 duration = parts->at(6).toLongLong(&ok[4]);
        bool cpuOk = true;
        row.cpu = parts->at(9).isEmpty() ? -1 : parts->at(9).toInt(&cpuOk);
        if (!state || !ok[0] || !ok[1] || !ok[2] || !ok[3] || !ok[4] || !cpuOk || duration != row.endNs - row.startNs)
            return fail(number, QStringLiteral("malformed row"));
        rows.push_back(row);
    }
    return rows;
}

} // namespace threadlab
