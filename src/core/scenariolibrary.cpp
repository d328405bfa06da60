#include "scenariolibrary.h"

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
    if (QFileInfo(idOrPath).isFile())
        return ScenarioParser::parseFile(idOrPath);
    for (const ScenarioEntry &entry : builtIns()) {
        if (entry.id == idOrPath)
            return ScenarioParser::parseFile(entry.path);
    }
    ParsedScenario missing;
    missing.errors << (idOrPath
        + (idOrPath.endsWith(QStringLiteral(".json"))
                ? QStringLiteral(": no such file")
                : QStringLiteral(": no built-in scenario by that id and no such file "
                                 "('threadlab list' shows the built-in ids)")));
    return missing;
}

} // namespace threadlab
