#!/bin/sh
# With no arguments, run every YAML route mounted in /routes; with none mounted, the demo.
set -e
if [ "$#" -eq 0 ]; then
  set -- run
  for f in /routes/*.yaml /routes/*.yml; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
fi
exec java ${JAVA_OPTS:-} -jar /opt/arroyo/arroyo.jar "$@"
