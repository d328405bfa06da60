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
        const ParsedScenario parsed = ScenarioParser::parseFile(path);
        entries << ScenarioEntry { parsed.scenario.id.isEmpty() ? QFileInfo(file).completeBaseName()
                                                                : parsed.scenario.id,
            parsed.scenario.title, parsed.scenario.topic, path };
    }
    return entries;
}

ParsedScenario ScenarioLibrary::load(const QString &idOrPath)
{
    ParsedScenario refused;
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
        refused.errors << idOrPath + Text::tr(": no such file");
        return refused;
    }
    const QString guess = closestMatch(idOrPath, ids);
    refused.errors << idOrPath
            + (guess.isEmpty() ? QStringLiteral(": no built-in scenario by that id and no such file "
                                                "('threadlab list' shows the built-in ids)")
                               : Text::tr(": no built-in scenario by that id and no such file; did you mean '") + guess
                        + QStringLiteral("'?"));
    return refused;
}

} // namespace threadlab
