#include "window/tracedialog.h"

#include "runtime/programs/programlauncher.h"
#include "ui_tracedialog.h"

#include <QDir>
#include <QFileDialog>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSettings>

namespace threadlab {

namespace {

QStringList extraEnvironment(const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(u'\n')) {
        if (!line.trimmed().isEmpty())
            lines << line.trimmed();
    }
    return lines;
}

QString quoted(const QString &word)
{
    return word.contains(u' ') || word.contains(u'"')
        ? u'"' + QString(word).replace(u'"', QStringLiteral("\\\"")) + u'"'
        : word;
}

} // namespace

TraceDialog::TraceDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TraceDialog>())
{
    m_ui->setupUi(this);
    QSettings settings;
    settings.beginGroup(QStringLiteral("trace"));
    m_ui->command->setText(settings.value(QStringLiteral("command")).toString());
    m_ui->directory->setText(settings.value(QStringLiteral("directory"), QDir::homePath()).toString());
    m_ui->environment->setPlainText(settings.value(QStringLiteral("environment")).toString());
    m_ui->pythonHook->setChecked(settings.value(QStringLiteral("pythonHook"), true).toBool());
    m_ui->environment->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    connect(m_ui->command, &QLineEdit::textChanged, this, &TraceDialog::check);
    connect(m_ui->directory, &QLineEdit::textChanged, this, &TraceDialog::check);
    connect(m_ui->environment, &QPlainTextEdit::textChanged, this, &TraceDialog::check);
    connect(m_ui->browseProgram, &QPushButton::clicked, this, &TraceDialog::chooseProgram);
    connect(m_ui->browseDirectory, &QPushButton::clicked, this, &TraceDialog::chooseDirectory);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &TraceDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &TraceDialog::reject);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Trace"));
    check();
}

TraceDialog::~TraceDialog() = default;

ProgramTraceSettings TraceDialog::settings() const
{
    ProgramTraceSettings settings;
    settings.command = QProcess::splitCommand(m_ui->command->text());
    settings.workingDirectory = m_ui->directory->text().trimmed();
    const QStringList extra = extraEnvironment(m_ui->environment->toPlainText());
    if (!extra.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &line : extra)
            environment.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
        settings.environment = environment.toStringList();
    }
    settings.pythonHook = m_ui->pythonHook->isChecked();
    settings.stdinFromNull = true; // the window has no terminal to give it
    settings.captureOutput = true; // what it writes is shown when it fails
    return settings;
}

void TraceDialog::check()
{
    // What would keep it from starting, said before OK.
    QString problem;
    const QStringList command = QProcess::splitCommand(m_ui->command->text());
    const QString directory = m_ui->directory->text().trimmed();
    if (command.isEmpty())
        problem = tr("Type a command line, or choose a program or a Python file.");
    else if (!directory.isEmpty() && !QFileInfo(directory).isDir())
        problem = tr("There is no folder '%1'.").arg(directory);
    else {
        for (const QString &line : extraEnvironment(m_ui->environment->toPlainText())) {
            if (!line.contains(u'=') || line.startsWith(u'='))
                problem = tr("Environment: '%1' is not NAME=value.").arg(line);
        }
    }
    if (problem.isEmpty()) {
        QString why;
        const QStringList environment = settings().environment.isEmpty()
            ? QProcessEnvironment::systemEnvironment().toStringList()
            : settings().environment;
        // A relative program path is found from the working directory, as the program will be.
        const QString program
            = command.constFirst().contains(u'/') && QDir::isRelativePath(command.constFirst()) && !directory.isEmpty()
            ? QDir(directory).filePath(command.constFirst())
            : command.constFirst();
        if (ProgramLauncher::resolve(program, environment, why).isEmpty())
            problem = why + u'.';
    }
    m_ui->problem->setText(problem);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void TraceDialog::chooseProgram()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a program or a Python file"),
        m_ui->directory->text(), tr("Python files (*.py);;All files (*)"));
    if (path.isEmpty())
        return;
    m_ui->command->setText(
        path.endsWith(QLatin1String(".py")) ? QStringLiteral("python3 ") + quoted(path) : quoted(path));
    m_ui->directory->setText(QFileInfo(path).absolutePath());
}

void TraceDialog::chooseDirectory()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Working directory"), m_ui->directory->text());
    if (!path.isEmpty())
        m_ui->directory->setText(path);
}

void TraceDialog::accept()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("trace"));
    settings.setValue(QStringLiteral("command"), m_ui->command->text());
    settings.setValue(QStringLiteral("directory"), m_ui->directory->text());
    settings.setValue(QStringLiteral("environment"), m_ui->environment->toPlainText());
    settings.setValue(QStringLiteral("pythonHook"), m_ui->pythonHook->isChecked());
    QDialog::accept();
}

} // namespace threadlab
