#!/bin/sh
# Recompiles synthdefs/*.scd into synthdefs/*.scsyndef with sclang, headless.
set -e
cd "$(dirname "$0")"
QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 exec sclang build.scd
