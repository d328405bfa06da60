#include "scenariolibrary.h"

#include "closestmatch.h"
#include "coretext.h"
#include "tracefile.h"

#include <QDir>
#include <QFile>
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
    if (QFileInfo(idOrPath).isFile()) {
        if (isTraceFile(idOrPath)) {
            refused.errors << idOrPath
                    + QStringLiteral(": this is a recorded trace, not a scenario: open it in the window "
                                     "('threadlab %1') or export it ('threadlab export %1 OUT.png')")
                          .arg(idOrPath);
            return refused;
        }
        return ScenarioParser::parseFile(idOrPath);
    }
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

bool ScenarioLibrary::isTraceFile(const QString &path)
{
    QFile file(path);
    const QByteArray magic = TraceFile::magic();
    return QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly) && file.read(magic.size()) == magic;
}

} // namespace threadlab
