#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace threadlab {

// Keys given twice in one JSON object, which QJsonDocument keeps silently (the later one wins):
// a scenario refuses them, as it refuses unknown keys. Scans a document that QJsonDocument has
// already accepted, in one pass.
class DuplicateKeys
{
public:
    struct Duplicate
    {
        QString path; // the key's JSON path, as JsonReader writes it ("tasks[1].steps[0].sleep")
        int line = 0; // where it is given again
    };

    static std::vector<Duplicate> find(const QByteArray &json, size_t maxFound);
};

} // namespace threadlab
