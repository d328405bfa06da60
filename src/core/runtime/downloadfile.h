#pragma once

#include "base/result.h"

#include <QString>

namespace threadlab {

// Where a download step writes its file. ThreadLab names the file itself — the owner (task or
// main), the step's index in that task, and a short, sanitised stem of the URL's file name — so no
// name from a scenario (task, queue item, URL) can become a path: no "..", no "/", no control
// characters, no hidden files, at most kMaxNameLength characters.
namespace DownloadFile {

constexpr qsizetype kMaxStemLength = 48;

// "t3-2-photo-7.png" for task instance 3's second download, "main-1-download" for the main lane.
QString name(int task, int index, const QString &urlFileName);

// `fileName` joined to `directory`, refused unless the result is a plain file name right inside the
// directory and not a symbolic link.
Result<QString> pathInside(const QString &directory, const QString &fileName);

} // namespace DownloadFile

} // namespace threadlab
