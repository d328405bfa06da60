#!/usr/bin/env bash
# The install tree and the .deb, as a user's machine gets them (ctest: install_tree).
#   check-install.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build=$1 version=$2 app=$3
work=$(mktemp -d)
cleanup() {
    [ -e "$work/build-worker" ] && mv "$work/build-worker" "$build/bin/threadlab-worker"
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for file in \
    bin/threadlab \
    libexec/threadlab/threadlab-worker \
    share/applications/$app.desktop \
    share/metainfo/$app.metainfo.xml \
    share/mime/packages/$app.xml \
    share/icons/hicolor/scalable/apps/$app.svg \
    share/icons/hicolor/scalable/mimetypes/application-x-threadlab-trace.svg \
    share/man/man1/threadlab.1; do
    [ -s "$prefix/$file" ] || fail "missing from the install tree: $file"
done
[ -x "$prefix/bin/threadlab" ] && [ -x "$prefix/libexec/threadlab/threadlab-worker" ] || fail "binaries not executable"

# The installed binary runs from where it is installed, and finds its installed worker (not the build tree's).
out=$(env -u THREADLAB_WORKER "$prefix/bin/threadlab" --version)
[ "$out" = "threadlab $version" ] || fail "--version printed '$out'"
mv "$build/bin/threadlab-worker" "$work/build-worker" # put back by cleanup, whatever happens
status=0
summary=$(env -u THREADLAB_WORKER QT_QPA_PLATFORM=offscreen "$prefix/bin/threadlab" run process-sleep \
    --summary-json - 2>"$work/run.err") || status=$?
mv "$work/build-worker" "$build/bin/threadlab-worker"
[ $status -eq 0 ] || { cat "$work/run.err" >&2; fail "the installed threadlab could not run a processes lesson (exit $status)"; }
[ "$(grep -c '"kind": "process"' <<<"$summary")" -ge 3 ] || fail "the processes lesson showed no worker lanes"

desktop-file-validate "$prefix/share/applications/$app.desktop"
grep -q '^Exec=threadlab %f$' "$prefix/share/applications/$app.desktop" || fail "Exec= must be 'threadlab %f'"
appstreamcli validate --no-net "$prefix/share/metainfo/$app.metainfo.xml" >/dev/null \
    || appstreamcli validate --no-net "$prefix/share/metainfo/$app.metainfo.xml"
grep -q 'pattern="\*.threadlab"' "$prefix/share/mime/packages/$app.xml" || fail "the MIME type does not claim *.threadlab"

# The .deb: its dependencies are computed by dpkg-shlibdeps, and it holds the same tree under /usr.
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/threadlab_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for library in libqt6widgets6 libqt6charts6 libc6; do
    grep -q "$library" <<<"$depends" || fail "the .deb does not depend on $library: $depends"
done
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/threadlab ./usr/libexec/threadlab/threadlab-worker ./usr/share/applications/$app.desktop \
    ./usr/share/man/man1/threadlab.1; do
    grep -q " $file\$" <<<"$contents" || fail "the .deb lacks $file"
done
echo "install tree and $(basename "$deb") are complete"
