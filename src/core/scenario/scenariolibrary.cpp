#include "scenario/scenariolibrary.h"

#include "base/closestmatch.h"
#include "base/coretext.h"

#include <QDir>
#include <QFileInfo>

static void initThreadLabResources()
{
    Q_INIT_RESOURCE(threadlab_scenarios);
}

namespace threadlab {

namespace {
const QString kResourceDir = QStringLiteral(":/scenarios");
}

QList<ScenarioEntry> ScenarioLibrary::builtIns()
{
    initThreadLabResources();
    QList<ScenarioEntry> entries;
    const QStringList files = QDir(kResourceDir).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString path = kResourceDir + u'/' + file;
        const Result<Scenario> parsed = ScenarioParser::parseFile(path);
        if (!parsed) // a built-in always parses (tst_scenarioparser checks each); this one is left out
            continue;
        entries << ScenarioEntry { parsed->id.isEmpty() ? QFileInfo(file).completeBaseName() : parsed->id,
            parsed->title, parsed->topic, path };
    }
    return entries;
}

Result<Scenario> ScenarioLibrary::load(const QString &idOrPath)
{
    if (QFileInfo(idOrPath).isFile())
        return ScenarioParser::parseFile(idOrPath);
    const QList<ScenarioEntry> entries = builtIns();
    QStringList ids;
    for (const ScenarioEntry &entry : entries) {
        if (entry.id == idOrPath)
            return ScenarioParser::parseFile(entry.path);
        ids << entry.id;
    }
    if (idOrPath.endsWith(QStringLiteral(".json")) || idOrPath.endsWith(QStringLiteral(".threadlab"))) {
        return Error(idOrPath + Text::tr(": no such file"));
    }
    const QString guess = closestMatch(idOrPath, ids);
    return Error(idOrPath
        + (guess.isEmpty() ? QStringLiteral(": no built-in scenario by that id and no such file "
                                            "('threadlab list' shows the built-in ids)")
                           : Text::tr(": no built-in scenario by that id and no such file; did you mean '") + guess
                    + QStringLiteral("'?")));
}

} // namespace threadlab
