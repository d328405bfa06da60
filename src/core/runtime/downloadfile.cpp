#include "runtime/downloadfile.h"

#include "base/coretext.h"
#include "base/textsafety.h"

#include <QDir>
#include <QFileInfo>

namespace threadlab::DownloadFile {

namespace {

QString sanitised(const QString &text, qsizetype maxLength)
{
    QString out;
    for (const QChar c : text) {
        if (out.size() == maxLength)
            break;
        const QChar next = isPlainNameCharacter(c) ? c : u'_';
        if (next == u'_' && out.endsWith(u'_'))
            continue;
        out += next;
    }
    return out;
}

} // namespace

QString name(int task, int index, const QString &urlFileName)
{
    // Keep a short extension (".png") so the file opens as what it is; everything else becomes the stem.
    const qsizetype dot = urlFileName.lastIndexOf(u'.');
    QString extension;
    QString stem = urlFileName;
    if (dot > 0 && urlFileName.size() - dot - 1 <= 8) {
        extension = sanitised(urlFileName.mid(dot + 1), 8);
        stem = urlFileName.left(dot);
    }
    stem = sanitised(stem, kMaxStemLength);
    if (stem.isEmpty() || stem == QStringLiteral("_"))
        stem = QStringLiteral("download");
    const QString owner = task >= 0 ? u't' + QString::number(task) : QStringLiteral("main");
    return owner + u'-' + QString::number(index) + u'-' + stem
        + (extension.isEmpty() || extension == QStringLiteral("_") ? QString() : u'.' + extension);
}

Result<QString> pathInside(const QString &directory, const QString &fileName)
{
    const QString folder = QDir::cleanPath(QDir(directory).absolutePath());
    const QString path = QDir::cleanPath(folder + u'/' + fileName);
    const QFileInfo info(path);
    QString problem;
    if (fileName.isEmpty() || fileName.contains(u'/') || fileName.contains(QChar(0)) || fileName.startsWith(u'.'))
        problem = Text::tr("'%1' is not a plain file name").arg(fileName);
    else if (info.absolutePath() != folder)
        problem = Text::tr("'%1' is outside the download folder %2").arg(path, folder);
    else if (info.isSymLink())
        problem = Text::tr("%1 is a symbolic link").arg(path);
    if (problem.isEmpty())
        return path;
    return Error(Text::tr("refusing to write a download: ") + problem);
}

} // namespace threadlab::DownloadFile
