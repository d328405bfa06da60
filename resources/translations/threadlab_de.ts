<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/exportdialog.ui" line="8"/>
        <source>Export the run</source>
        <translation>Lauf exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="11"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="16"/>
        <source>The format follows the extension: .png .svg .pdf (the chart), .csv (segments), .json (Chrome trace for Perfetto), .threadlab (reopen later)</source>
        <translation>Das Format folgt der Endung: .png .svg .pdf (das Diagramm), .csv (Segmente), .json (Chrome-Trace für Perfetto), .threadlab (später wieder öffnen)</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="18"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="22"/>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="29"/>
        <source> px wide</source>
        <translation> px breit</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="34"/>
        <source> px high</source>
        <translation> px hoch</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="37"/>
        <source>Whole run</source>
        <translation>Ganzer Lauf</translation>
    </message>
    <message>
        <location filename="../../ui/exportdialog.ui" line="38"/>
        <source>Tall enough for every lane, with the axis and the legend</source>
        <translation>Hoch genug für jede Spur, mit Achse und Legende</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../../ui/lessonpanel.ui" line="17"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../ui/lessonpanel.ui" line="31"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../ui/lessonpanel.ui" line="46"/>
        <source>C++</source>
        <translation>C++</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="8"/>
        <source>ThreadLab</source>
        <translation>ThreadLab</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="32"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="41"/>
        <location filename="../../ui/mainwindow.ui" line="107"/>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="46"/>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="57"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="65"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="71"/>
        <source>Runs of this session</source>
        <translation>Läufe dieser Sitzung</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="82"/>
        <source>Every finished run (and every trace you opened): pick one to see it again</source>
        <translation>Jeder beendete Lauf (und jeder geöffnete Trace): wählen Sie einen, um ihn wieder zu sehen</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="87"/>
        <source>Compare two runs…</source>
        <translation>Zwei Läufe vergleichen…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="88"/>
        <source>Their charts stacked on one time scale, with the speedup and lost updates between them</source>
        <translation>Ihre Diagramme übereinander auf einer Zeitachse, mit Beschleunigung und verlorenen Updates</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="95"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="101"/>
        <source>Lesson and outcome</source>
        <translation>Lektion und Ergebnis</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="108"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="109"/>
        <source>Run the scenario with the options above (F5)</source>
        <translation>Das Szenario mit den Optionen oben ausführen (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="112"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="113"/>
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="114"/>
        <source>Stop the run: every thread and worker process ends (Shift+F5)</source>
        <translation>Den Lauf stoppen: jeder Thread und Arbeitsprozess endet (Shift+F5)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="117"/>
        <source>&amp;Open scenario or trace…</source>
        <translation>Szenario oder Trace ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="118"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="119"/>
        <source>Open a scenario (.json) to run, or a recorded trace (.threadlab) to view (Ctrl+O)</source>
        <translation>Ein Szenario (.json) zum Ausführen oder einen aufgezeichneten Trace (.threadlab) zum Ansehen öffnen (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="122"/>
        <source>&amp;Save scenario as…</source>
        <translation>Szenario &amp;speichern unter…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="123"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="124"/>
        <source>Save the scenario with the chosen executor and options (Ctrl+S)</source>
        <translation>Das Szenario mit dem gewählten Executor und den Optionen speichern (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="127"/>
        <source>&amp;Export run…</source>
        <translation>Lauf &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="128"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="129"/>
        <source>Export the run shown: chart (PNG, SVG, PDF), segments (CSV), Chrome trace (JSON) or ThreadLab trace (Ctrl+E)</source>
        <translation>Den gezeigten Lauf exportieren: Diagramm (PNG, SVG, PDF), Segmente (CSV), Chrome-Trace (JSON) oder ThreadLab-Trace (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="132"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="133"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="134"/>
        <source>Quit ThreadLab</source>
        <translation>ThreadLab beenden</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="137"/>
        <source>&amp;Fit whole run</source>
        <translation>Ganzen Lauf &amp;einpassen</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="138"/>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="139"/>
        <source>Show the whole run and follow it while it grows (F)</source>
        <translation>Den ganzen Lauf zeigen und ihm folgen, während er wächst (F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="142"/>
        <source>Zoom &amp;in</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="143"/>
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="144"/>
        <source>Zoom in (Ctrl+wheel, +)</source>
        <translation>Vergrößern (Ctrl+Mausrad, +)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="147"/>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="148"/>
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="149"/>
        <source>Zoom out (Ctrl+wheel, −)</source>
        <translation>Verkleinern (Ctrl+Mausrad, −)</translation>
    </message>
</context>
<context>
    <name>ScenarioLibraryPanel</name>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="18"/>
        <source>Built-in lessons by topic, and the scenario files you opened (drop .json files here)</source>
        <translation>Eingebaute Lektionen nach Thema und die geöffneten Szenariodateien (.json-Dateien hier ablegen)</translation>
    </message>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="19"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="26"/>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="27"/>
        <source>Open a scenario file (Ctrl+O)</source>
        <translation>Eine Szenariodatei öffnen (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="32"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location filename="../../ui/scenariolibrarypanel.ui" line="33"/>
        <source>Save the selected scenario, with the executor and options chosen above, to a file (Ctrl+S)</source>
        <translation>Das gewählte Szenario mit dem Executor und den Optionen von oben in eine Datei speichern (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>threadlab</name>
    <message>
        <location filename="../../src/core/downloadfile.cpp" line="54"/>
        <source>&apos;%1&apos; is not a plain file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/downloadfile.cpp" line="56"/>
        <source>&apos;%1&apos; is outside the download folder %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/downloadfile.cpp" line="58"/>
        <source>%1 is a symbolic link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/downloadfile.cpp" line="62"/>
        <source>refusing to write a download: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="26"/>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="28"/>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="30"/>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="32"/>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="34"/>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="57"/>
        <source>: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="67"/>
        <source>unknown key (allowed here: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="67"/>
        <location filename="../../src/core/outcome.cpp" line="45"/>
        <location filename="../../src/core/sharingcheck.cpp" line="44"/>
        <location filename="../../src/core/stepparser.cpp" line="59"/>
        <location filename="../../src/core/stepparser.cpp" line="60"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="77"/>
        <source>expected a string, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="81"/>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="90"/>
        <source>: … and %1 more errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="118"/>
        <source>a name may have at most %1 characters, this one has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="125"/>
        <source>a name may not hold control characters (%1 at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="140"/>
        <source>at most %1 characters allowed here, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="145"/>
        <source>control character %1 at character %2 (only tab and newline are allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="158"/>
        <source>expected a whole number from </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="158"/>
        <source> to </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="159"/>
        <source>, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="171"/>
        <source>expected milliseconds &gt;= 0, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/jsonreader.cpp" line="181"/>
        <source>expected true or false, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="21"/>
        <location filename="../../src/core/processexecutor.cpp" line="116"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="23"/>
        <location filename="../../src/core/outcome.cpp" line="24"/>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="33"/>
        <source>%1× %2 than the run before it, %3 (%4): %5 against %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="42"/>
        <source>wall time %1 (first task start to last task end)</source>
        <translation>Laufzeit %1 (Start der ersten bis Ende der letzten Aufgabe)</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="43"/>
        <source>main thread done after %1</source>
        <translation>Haupt-Thread fertig nach %1</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="45"/>
        <source>results arrived in the order %1</source>
        <translation>Ergebnisse kamen in der Reihenfolge %1</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="47"/>
        <source>pid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="48"/>
        <source>thread %1&apos;s copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="49"/>
        <source>counter %1 (%2): expected %3, got %4</source>
        <translation>Zähler %1 (%2): erwartet %3, erhalten %4</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="52"/>
        <source>: %1 lost updates</source>
        <translation>: %1 verlorene Updates</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="56"/>
        <source>lock %1: %2 acquisitions, %3 had to wait (%4 waiting in all, longest %5)</source>
        <translation>Lock %1: %2 Belegungen, %3 mussten warten (%4 Wartezeit insgesamt, längste %5)</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="60"/>
        <source>%1 queue %2 gave %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="63"/>
        <source>task %1 failed: %2</source>
        <translation>Aufgabe %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="64"/>
        <source>its worker died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/outcome.cpp" line="67"/>
        <source>%1 events were dropped (buffers full): the chart misses them</source>
        <translation>%1 Ereignisse wurden verworfen (Puffer voll): dem Diagramm fehlen sie</translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="44"/>
        <source>worker process </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="45"/>
        <location filename="../../src/core/processexecutor.cpp" line="181"/>
        <source> (pid </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="83"/>
        <source>cannot make a channel for worker process %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="102"/>
        <source>exited with code </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="106"/>
        <source>cannot start worker process &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="107"/>
        <source>&apos;: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="115"/>
        <source> did not report ready within </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="134"/>
        <source>sent a frame over the limit of %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="142"/>
        <source>; stopped it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="153"/>
        <source>introduced itself wrongly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="170"/>
        <source>sent a malformed lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="175"/>
        <source>announced more than one lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="189"/>
        <source>sent malformed events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="205"/>
        <source>sent a malformed report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="225"/>
        <source>sent a message before introducing itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="238"/>
        <source>reported a task it was not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="252"/>
        <source>sent an unexpected message type </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="271"/>
        <source> while running task &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="273"/>
        <source> before reporting its counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="289"/>
        <source>no worker process is left to run it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="301"/>
        <source>task &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="301"/>
        <source>&apos; was not run: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/processexecutor.cpp" line="407"/>
        <source> did not exit; killed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/run.cpp" line="69"/>
        <source>task &apos;%1&apos; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/run.cpp" line="98"/>
        <source>cannot start the embedded image server: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenariolibrary.cpp" line="58"/>
        <source>: no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenariolibrary.cpp" line="65"/>
        <source>: no built-in scenario by that id and no such file; did you mean &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="62"/>
        <source>: not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="66"/>
        <source>: cannot open scenario file: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="72"/>
        <source>: a scenario file may have at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="82"/>
        <source>: a scenario may have at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="90"/>
        <source>: JSON syntax error: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="92"/>
        <source>: expected a JSON object at the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="112"/>
        <source>&apos; is already used as a </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="113"/>
        <source>, cannot also be a </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="118"/>
        <source>a scenario may name at most %1 objects and texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="138"/>
        <source>expected at most %1 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;, not starting with &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="144"/>
        <source>missing (every scenario needs a title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="161"/>
        <source>expected an object with &quot;python&quot; and &quot;cpp&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="174"/>
        <source>missing (give at least {&quot;kind&quot;: &quot;threads&quot;})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="188"/>
        <source>expected a non-empty array of tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="200"/>
        <location filename="../../src/core/scenarioparser.cpp" line="271"/>
        <location filename="../../src/core/scenarioparser.cpp" line="304"/>
        <location filename="../../src/core/scenarioparser.cpp" line="379"/>
        <source>expected an object, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="224"/>
        <source>unknown executor &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="225"/>
        <source>&apos; (expected sequential, threads, pool or processes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="235"/>
        <source>missing (a pool or processes executor needs the number of workers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="252"/>
        <source>expected &quot;all&quot;, &quot;none&quot; or an array of task names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="264"/>
        <source>expected &quot;as_completed&quot; or &quot;in_order&quot;, got &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="288"/>
        <source>expected microseconds from 0 to 1000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="297"/>
        <source>expected an array of {&quot;name&quot;, &quot;kind&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="321"/>
        <source>expected fifo, lifo or priority, got &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="326"/>
        <location filename="../../src/core/scenarioparser.cpp" line="423"/>
        <source>queue &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="326"/>
        <source>&apos; is declared twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="340"/>
        <source>expected a task object, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="366"/>
        <source>task name &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="366"/>
        <source>&apos; is used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="372"/>
        <source>too many task instances (at most </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="400"/>
        <source>expected {&quot;image.png&quot;: &quot;404&quot; | &quot;500&quot; | &quot;reset&quot; | &quot;timeout&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="411"/>
        <source>expected 404, 500, reset or timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="424"/>
        <source>&apos; is used but not declared (add {&quot;name&quot;: &quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="425"/>
        <source>&quot;, &quot;kind&quot;: &quot;fifo&quot;})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="429"/>
        <source>no task named &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/scenarioparser.cpp" line="432"/>
        <source>join applies to the threads executor only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/sharingcheck.cpp" line="41"/>
        <source>the main lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/sharingcheck.cpp" line="43"/>
        <source> &apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/sharingcheck.cpp" line="43"/>
        <source>&apos; is shared by </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="32"/>
        <source>expected an array of steps, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="47"/>
        <source>expected a step object such as {&quot;sleep&quot;: 1000}, got </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="59"/>
        <source>no step kind (expected one of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="60"/>
        <source>more than one step kind: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="73"/>
        <source>missing (the steps to run under the </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="121"/>
        <source>expected {&quot;counter&quot;: name, &quot;delta&quot;: n, &quot;times&quot;: n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="151"/>
        <source>a thread-local counter needs no lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="158"/>
        <source>expected {&quot;image&quot;: name, &quot;kb&quot;: n} or {&quot;url&quot;: &quot;http://…&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="165"/>
        <source>give either &quot;image&quot; (from the embedded server) or &quot;url&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="179"/>
        <source>expected an http:// or https:// URL, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="182"/>
        <source>expected an image name such as photo-{n}.png, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="187"/>
        <source>the size applies to images of the embedded server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="199"/>
        <source>expected {&quot;queue&quot;: name, &quot;item&quot;: text, &quot;count&quot;: n, &quot;priority&quot;: n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="220"/>
        <source>a scenario may put at most %1 items in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="248"/>
        <source>expected a queue name or {&quot;queue&quot;: name, &quot;until&quot;: item}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="260"/>
        <source>missing (a get with &quot;until&quot; runs these steps for every item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/stepparser.cpp" line="263"/>
        <source>missing (steps run per item until this sentinel item arrives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/steprunner.cpp" line="118"/>
        <source>cannot download %1: this program was built without network support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="64"/>
        <source>trace format version %1; this ThreadLab reads version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="90"/>
        <source>counter &apos;%1&apos; names lane %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="94"/>
        <source>%1 bytes follow the end of the trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="128"/>
        <source>the executor or options are out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="132"/>
        <source>its scenario does not parse: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="132"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="189"/>
        <source>%1 has state %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="198"/>
        <source>ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="200"/>
        <source>names task %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="202"/>
        <location filename="../../src/core/workerlanes.cpp" line="45"/>
        <source>waits on object %1, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="204"/>
        <source>names lane %1 of %2 as the lock&apos;s holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="216"/>
        <source>has kind %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="218"/>
        <source>belongs to lane %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="220"/>
        <source>is out of time order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="222"/>
        <location filename="../../src/core/workerlanes.cpp" line="62"/>
        <source>names object %1, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="224"/>
        <source>names lane %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="227"/>
        <source>lane %1: %2 %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="254"/>
        <source>lane %1 has a wrong id, kind, parent or task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="260"/>
        <source>lane %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="263"/>
        <source> its open segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="274"/>
        <source> segment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="278"/>
        <source> segment %1 starts before the one before it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="312"/>
        <source> holds lock %1, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="325"/>
        <source>%1 tasks, but its scenario has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="343"/>
        <source>task %1 has a wrong lane or outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="367"/>
        <source>lock %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="381"/>
        <source>a lock hand-over names a lock or lane that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="390"/>
        <source>result %1 names task %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="402"/>
        <location filename="../../src/gui/gantthit.cpp" line="100"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="407"/>
        <source>not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="410"/>
        <source>cannot open: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="414"/>
        <source>not a ThreadLab trace (.threadlab) file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/tracefilereader.cpp" line="418"/>
        <source>damaged at byte %1 (the file ends after its header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="37"/>
        <source>names task %1, but it was told to run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="39"/>
        <source>ends a task with outcome %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="43"/>
        <source>changes to state %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="47"/>
        <source>has a state argument out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="52"/>
        <source>names a queue or item that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="66"/>
        <source>has kind %1, which a worker does not record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="73"/>
        <source>sent an event for lane %1, which it did not announce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="75"/>
        <source>sent an event that </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="77"/>
        <source>sent an event out of time order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/workerlanes.cpp" line="84"/>
        <source>named lane %1, which it did not announce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="49"/>
        <source>Running lanes over time</source>
        <translation>Laufende Spuren über die Zeit</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="51"/>
        <source>lanes in Running</source>
        <translation>Spuren in Running</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="65"/>
        <source>ms since start</source>
        <translation>ms seit Start</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="68"/>
        <source>running lanes</source>
        <translation>laufende Spuren</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="107"/>
        <location filename="../../src/gui/chartbuilder.cpp" line="126"/>
        <source>wall time (ms)</source>
        <translation>Laufzeit (ms)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="120"/>
        <source>@value ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="137"/>
        <source>Lock waits (no lock in this run)</source>
        <translation>Lock-Wartezeiten (kein Lock in diesem Lauf)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="138"/>
        <source>Lock wait distribution per lock (ms)</source>
        <translation>Verteilung der Lock-Wartezeiten je Lock (ms)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="157"/>
        <source>%1 (%2 waits)</source>
        <translation>%1 (%2 Wartevorgänge)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="162"/>
        <source>wait (ms)</source>
        <translation>Warten (ms)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="170"/>
        <source>Time per state, per lane (ms)</source>
        <translation>Zeit je Zustand und Spur (ms)</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartbuilder.cpp" line="214"/>
        <source>%1: charts export as .png or .svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="35"/>
        <location filename="../../src/gui/lanelayout.cpp" line="50"/>
        <source>lane %1</source>
        <translation>Spur %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="85"/>
        <source> (now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="86"/>
        <source>from %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="88"/>
        <source>task: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="91"/>
        <source>&lt;span style=&apos;color:#7f0000&apos;&gt;task failed: %1&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="94"/>
        <source>receiving the response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="95"/>
        <source>connecting, waiting for the first byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="98"/>
        <source>waiting for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="104"/>
        <source>holding the GIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="106"/>
        <source>held by: %1 (click to see)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="108"/>
        <source>&lt;span style=&apos;color:#c00&apos;&gt;lost update&lt;/span&gt; of %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="110"/>
        <source>this write erased %1 of other threads&apos; updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="116"/>
        <source>print &quot;%1&quot; at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="121"/>
        <source>result #%1: %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="128"/>
        <source>%1 %2 %3 queue %4 at %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/gantthit.cpp" line="136"/>
        <source>%1 event %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="153"/>
        <source>time since start</source>
        <translation>Zeit seit Start</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="171"/>
        <source>result (n-th)</source>
        <translation>Ergebnis (n-tes)</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="171"/>
        <source>lost update</source>
        <translation>verlorenes Update</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="172"/>
        <source>lock held</source>
        <translation>Lock gehalten</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="172"/>
        <source>read→write (zoomed in)</source>
        <translation>Lesen→Schreiben (vergrößert)</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="172"/>
        <source>failed task</source>
        <translation>fehlgeschlagene Aufgabe</translation>
    </message>
    <message>
        <location filename="../../src/gui/ganttpainter.cpp" line="173"/>
        <source>IoWait: receiving</source>
        <translation>IoWait: Empfang</translation>
    </message>
    <message>
        <location filename="../../src/gui/lanelayout.cpp" line="44"/>
        <source>pid %1 · this process</source>
        <translation>PID %1 · dieser Prozess</translation>
    </message>
    <message>
        <location filename="../../src/gui/lanelayout.cpp" line="45"/>
        <source>pid %1 · worker process</source>
        <translation>PID %1 · Arbeitsprozess</translation>
    </message>
    <message>
        <location filename="../../src/gui/lanelayout.cpp" line="52"/>
        <source>  ·  tid %1</source>
        <translation>  ·  TID %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/timeaxis.cpp" line="41"/>
        <source> ns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>threadlab::Appearance</name>
    <message>
        <location filename="../../src/gui/appearance.cpp" line="22"/>
        <source>Follow the &amp;Desktop</source>
        <translation>Wie der &amp;Desktop</translation>
    </message>
    <message>
        <location filename="../../src/gui/appearance.cpp" line="23"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../../src/gui/appearance.cpp" line="23"/>
        <source>Dar&amp;k</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>threadlab::ChartsPanel</name>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="35"/>
        <source>Export chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="37"/>
        <source>Save the chart shown as PNG or SVG</source>
        <translation>Das gezeigte Diagramm als PNG oder SVG speichern</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="74"/>
        <location filename="../../src/gui/chartspanel.cpp" line="89"/>
        <source>Wall time of this session&apos;s runs</source>
        <translation>Laufzeit der Läufe dieser Sitzung</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="82"/>
        <source>Run a scenario first: there is no chart yet</source>
        <translation>Erst ein Szenario ausführen: noch gibt es kein Diagramm</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="104"/>
        <location filename="../../src/gui/chartspanel.cpp" line="108"/>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location filename="../../src/gui/chartspanel.cpp" line="104"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
</context>
<context>
    <name>threadlab::CompareDialog</name>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="32"/>
        <source>Compare runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="40"/>
        <source>Run A:</source>
        <translation>Lauf A:</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="41"/>
        <source>Run B:</source>
        <translation>Lauf B:</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="112"/>
        <source>A: wall %1, main done after %2   ·   B: wall %3, main done after %4</source>
        <translation>A: Laufzeit %1, main fertig nach %2   ·   B: Laufzeit %3, main fertig nach %4</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="117"/>
        <source>
B is %1× %2 than A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="119"/>
        <source>faster</source>
        <translation>schneller</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="119"/>
        <source>slower</source>
        <translation>langsamer</translation>
    </message>
    <message>
        <location filename="../../src/gui/comparedialog.cpp" line="121"/>
        <source>   ·   lost updates: A %1, B %2</source>
        <translation>   ·   verlorene Updates: A %1, B %2</translation>
    </message>
</context>
<context>
    <name>threadlab::ExportDialog</name>
    <message>
        <location filename="../../src/gui/exportdialog.cpp" line="31"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location filename="../../src/gui/exportdialog.cpp" line="32"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Segments as CSV (*.csv);;Chrome trace for Perfetto (*.json);;ThreadLab trace (*.threadlab)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;Segmente als CSV (*.csv);;Chrome-Trace für Perfetto (*.json);;ThreadLab-Trace (*.threadlab)</translation>
    </message>
    <message>
        <location filename="../../src/gui/exportdialog.cpp" line="65"/>
        <source>The chart, drawn as on screen.</source>
        <translation>Das Diagramm, wie auf dem Bildschirm gezeichnet.</translation>
    </message>
    <message>
        <location filename="../../src/gui/exportdialog.cpp" line="65"/>
        <source>The format follows the extension.</source>
        <translation>Das Format folgt der Endung.</translation>
    </message>
    <message>
        <location filename="../../src/gui/exportdialog.cpp" line="66"/>
        <source>Use .png, .svg, .pdf, .csv, .json (Chrome trace for Perfetto) or .threadlab.</source>
        <translation>Verwenden Sie .png, .svg, .pdf, .csv, .json (Chrome-Trace für Perfetto) oder .threadlab.</translation>
    </message>
</context>
<context>
    <name>threadlab::GanttView</name>
    <message>
        <location filename="../../src/gui/ganttview.cpp" line="219"/>
        <source>Press Run (F5) to watch this lesson&apos;s threads and processes, live.
Hover a lane to see what it was doing; Ctrl+wheel zooms, drag pans, F fits.</source>
        <translation>Drücken Sie Ausführen (F5), um die Threads und Prozesse dieser Lektion live zu sehen.
Zeigen Sie auf eine Spur, um zu sehen, was sie tat; Ctrl+Mausrad zoomt, Ziehen verschiebt, F passt ein.</translation>
    </message>
</context>
<context>
    <name>threadlab::LessonPanel</name>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="32"/>
        <source>Expected:</source>
        <translation>Erwartet:</translation>
    </message>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="35"/>
        <source>Press Run (F5) to measure it.</source>
        <translation>Drücken Sie Ausführen (F5), um es zu messen.</translation>
    </message>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="45"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="52"/>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="60"/>
        <source>Problem:</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <location filename="../../src/gui/lessonpanel.cpp" line="68"/>
        <source>Cannot run:</source>
        <translation>Kann nicht laufen:</translation>
    </message>
</context>
<context>
    <name>threadlab::MainWindow</name>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="58"/>
        <source>&amp;Appearance</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="59"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="112"/>
        <source>Timeline chart</source>
        <translation>Zeitleisten-Diagramm</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="113"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="114"/>
        <source>Runs of this session</source>
        <translation>Läufe dieser Sitzung</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="115"/>
        <source>Choose a run to show it in the timeline chart</source>
        <translation>Wählen Sie einen Lauf, um ihn im Zeitleisten-Diagramm zu zeigen</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="116"/>
        <source>Lesson and outcome</source>
        <translation>Lektion und Ergebnis</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="117"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="118"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="119"/>
        <source>Run state</source>
        <translation>Laufzustand</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="120"/>
        <source>Elapsed time</source>
        <translation>Verstrichene Zeit</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="121"/>
        <source>Recorded events</source>
        <translation>Aufgezeichnete Ereignisse</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="122"/>
        <source>Run in progress</source>
        <translation>Lauf in Arbeit</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="127"/>
        <location filename="../../src/gui/mainwindow.cpp" line="208"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="209"/>
        <source>Selected lesson: %1</source>
        <translation>Gewählte Lektion: %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="210"/>
        <source>%1: not run yet. Press Run (F5) to record it.</source>
        <translation>%1: noch nicht ausgeführt. Drücken Sie Ausführen (F5), um es aufzuzeichnen.</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="270"/>
        <source>Running — %1</source>
        <translation>Läuft — %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="280"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="292"/>
        <location filename="../../src/gui/mainwindow.cpp" line="379"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="294"/>
        <location filename="../../src/gui/mainwindow.cpp" line="381"/>
        <source>%1 events recorded, %2 dropped</source>
        <translation>%1 Ereignisse aufgezeichnet, %2 verworfen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/mainwindow.cpp" line="296"/>
        <source>Running %1 (%2): %n lanes so far, %3 s</source>
        <translation>
            <numerusform>Läuft %1 (%2): bisher %n Spur, %3 s</numerusform>
            <numerusform>Läuft %1 (%2): bisher %n Spuren, %3 s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="312"/>
        <source>The run reported problems (what was recorded is kept):
</source>
        <translation>Der Lauf meldete Probleme (das Aufgezeichnete bleibt erhalten):
</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="313"/>
        <source>Finished with problems</source>
        <translation>Mit Problemen beendet</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="315"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="315"/>
        <source>Finished — %1</source>
        <translation>Beendet — %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/mainwindow.cpp" line="347"/>
        <source> and %n more</source>
        <translation>
            <numerusform> und %n weitere</numerusform>
            <numerusform> und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="348"/>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/mainwindow.cpp" line="348"/>
        <source>finished with %n problems</source>
        <translation>
            <numerusform>mit %n Problem beendet</numerusform>
            <numerusform>mit %n Problemen beendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/mainwindow.cpp" line="349"/>
        <source>%1 (%2), %3: %n lanes (%4). </source>
        <translation>
            <numerusform>%1 (%2), %3: %n Spur (%4). </numerusform>
            <numerusform>%1 (%2), %3: %n Spuren (%4). </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="396"/>
        <source>opened %1 (%2)</source>
        <translation>%1 geöffnet (%2)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="398"/>
        <source>Showing a recorded trace</source>
        <translation>Zeigt einen aufgezeichneten Trace</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="405"/>
        <source>Run twice (or open a trace) to have two runs to compare</source>
        <translation>Zweimal ausführen (oder einen Trace öffnen), um zwei Läufe vergleichen zu können</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="420"/>
        <source>Open scenario or trace</source>
        <translation>Szenario oder Trace öffnen</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="421"/>
        <source>Scenarios and traces (*.json *.threadlab);;ThreadLab scenarios (*.json);;ThreadLab traces (*.threadlab);;All files (*)</source>
        <translation>Szenarien und Traces (*.json *.threadlab);;ThreadLab-Szenarien (*.json);;ThreadLab-Traces (*.threadlab);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="432"/>
        <source>Save scenario</source>
        <translation>Szenario speichern</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="432"/>
        <source>ThreadLab scenarios (*.json)</source>
        <translation>ThreadLab-Szenarien (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="439"/>
        <source>%1: cannot save the scenario: %2</source>
        <translation>%1: das Szenario kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="442"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="449"/>
        <source>Run a scenario first: the run shown is exported</source>
        <translation>Erst ein Szenario ausführen: exportiert wird der gezeigte Lauf</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="454"/>
        <source>Exported</source>
        <translation>Exportiert</translation>
    </message>
</context>
<context>
    <name>threadlab::RecentFiles</name>
    <message>
        <location filename="../../src/gui/recentfiles.cpp" line="49"/>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>threadlab::RunControls</name>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="29"/>
        <source> &amp;Executor </source>
        <translation> &amp;Executor </translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="36"/>
        <source>sequential: the main thread runs every task · threads: one thread per task · pool: a thread pool of N workers · processes: N worker processes</source>
        <translation>sequential: der Haupt-Thread führt jede Aufgabe aus · threads: ein Thread pro Aufgabe · pool: ein Thread-Pool mit N Arbeitern · processes: N Arbeitsprozesse</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="38"/>
        <source>Executor</source>
        <translation>Executor</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="41"/>
        <source>  &amp;Workers </source>
        <translation>  &amp;Arbeiter </translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="45"/>
        <source>Workers</source>
        <translation>Arbeiter</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="48"/>
        <source>Pool threads or worker processes</source>
        <translation>Pool-Threads oder Arbeitsprozesse</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="52"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="54"/>
        <source>Off: every lock in the scenario is skipped, and shared counters race</source>
        <translation>Aus: jedes Lock des Szenarios wird übersprungen, und gemeinsame Zähler geraten ins Rennen</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="57"/>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="59"/>
        <source>Simulate CPython&apos;s GIL: CPU work of one process&apos;s threads takes turns in 5 ms slices</source>
        <translation>CPythons GIL simulieren: die CPU-Arbeit der Threads eines Prozesses wechselt sich in 5-ms-Scheiben ab</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="99"/>
        <source> with %1 workers</source>
        <translation> mit %1 Arbeitern</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="101"/>
        <source>, lock %1, GIL %2</source>
        <translation>, Lock %1, GIL %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="102"/>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <location filename="../../src/gui/runcontrols.cpp" line="102"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
</context>
<context>
    <name>threadlab::ScenarioLibraryPanel</name>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="17"/>
        <source>Basics: threads, sleep, join</source>
        <translation>Grundlagen: Threads, Schlafen, Join</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="18"/>
        <source>Thread pools</source>
        <translation>Thread-Pools</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="19"/>
        <source>I/O-bound vs CPU-bound</source>
        <translation>E/A-gebunden gegen CPU-gebunden</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="20"/>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="21"/>
        <source>Locks &amp; races</source>
        <translation>Locks und Wettläufe</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="22"/>
        <source>Queues &amp; events</source>
        <translation>Warteschlangen und Ereignisse</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="28"/>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenariolibrarypanel.cpp" line="83"/>
        <source>Opened files</source>
        <translation>Geöffnete Dateien</translation>
    </message>
</context>
</TS>
