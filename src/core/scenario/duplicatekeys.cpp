#include "scenario/duplicatekeys.h"

#include "scenario/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace threadlab {

namespace {

struct Container
{
    QString path;
    bool object = false;
    qsizetype index = 0; // an array's next element
    QSet<QString> keys; // an object's keys so far
    QString key; // an object's current key
    bool expectingKey = true;
};

// The string that starts at json[at] (a quote), decoded; `at` ends after its closing quote.
QString readString(const QByteArray &json, qsizetype &at)
{
    QByteArray raw;
    ++at;
    while (at < json.size() && json[at] != '"') {
        if (json[at] == '\\' && at + 1 < json.size()) {
            raw += json[at];
            ++at;
        }
        raw += json[at];
        ++at;
    }
    ++at;
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    // Escapes: let the JSON parser decode this one string.
    const QJsonDocument one = QJsonDocument::fromJson(QByteArrayLiteral("[\"") + raw + QByteArrayLiteral("\"]"));
    return one.array().at(0).toString();
}

} // namespace

std::vector<DuplicateKeys::Duplicate> DuplicateKeys::find(const QByteArray &json, size_t maxFound)
{
    std::vector<Duplicate> found;
    std::vector<Container> open;
    int line = 1;
    auto valuePath = [&open]() -> QString {
        if (open.empty())
            return {};
        const Container &c = open.back();
        return c.object ? JsonReader::join(c.path, c.key) : JsonReader::index(c.path, c.index);
    };
    for (qsizetype at = 0; at < json.size() && found.size() < maxFound;) {
        const char c = json[at];
        if (c == '{' || c == '[') {
            open.push_back(Container { valuePath(), c == '{', 0, {}, {}, true });
            ++at;
        } else if (c == '}' || c == ']') {
            if (!open.empty())
                open.pop_back();
            ++at;
        } else if (c == ',') {
            if (!open.empty()) {
                open.back().expectingKey = open.back().object;
                open.back().index += open.back().object ? 0 : 1;
            }
            ++at;
        } else if (c == '"') {
            const QString text = readString(json, at);
            if (!open.empty() && open.back().object && open.back().expectingKey) {
                Container &object = open.back();
                if (object.keys.contains(text))
                    found.push_back(Duplicate { JsonReader::join(object.path, text), line });
                object.keys.insert(text);
                object.key = text;
                object.expectingKey = false;
            }
        } else {
            line += c == '\n' ? 1 : 0;
            ++at;
        }
    }
    return found;
}

} // namespace threadlab
