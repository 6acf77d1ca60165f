#!/bin/sh
# Builds a local stand-in for eclipse-temurin:17-jre without any registry, for the image test:
# a minimal Debian root file system (debootstrap, from Debian's archive) with a jlink'd runtime of this machine's
# JDK 17 at /opt/java/openjdk (where the Temurin images keep theirs), committed with buildah as IMAGE.
# Kept once built: later runs reuse it.  Needs root, buildah, debootstrap and a JDK with jmods.
#   local-base.sh [IMAGE]      (default localhost/arroyo-local-jre:17)
set -eu
IMAGE=${1:-localhost/arroyo-local-jre:17}
SUITE=${DEBIAN_SUITE:-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
buildah() { command buildah --storage-driver vfs "$@"; }

if buildah inspect --type image "$IMAGE" >/dev/null 2>&1; then
  echo "local-base: $IMAGE already built"
  exit 0
fi
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -d "$JAVA_HOME/jmods" ] || { echo "local-base: $JAVA_HOME has no jmods (needed by jlink)" >&2; exit 1; }

work=$(mktemp -d)
ctr=
cleanup() {
  [ -z "$ctr" ] || buildah rm "$ctr" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "local-base: debootstrap $SUITE (minbase) from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*

# about what a JRE image holds: the Java SE modules plus the jdk.* ones libraries reach for at run time
# (jdk.unsupported for Netty and JeroMQ, jdk.crypto.ec for TLS, jdk.management for metrics ...)
echo "local-base: jlink a runtime from $JAVA_HOME"
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --output "$work/rootfs/opt/java/openjdk" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.naming.dns,jdk.management,jdk.management.agent,jdk.jfr,jdk.httpserver,jdk.security.auth,jdk.jdwp.agent \
  --strip-debug --no-man-pages --no-header-files --compress=2
# the machine's CA certificates, as the Temurin images carry the system's (Debian's JDK links its store there)
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$work/rootfs/opt/java/openjdk/lib/security/cacerts"
fi

ctr=$(buildah from scratch)
mnt=$(buildah mount "$ctr")
cp -a "$work/rootfs/." "$mnt/"
buildah umount "$ctr" >/dev/null
buildah config --env JAVA_HOME=/opt/java/openjdk \
  --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env LANG=C.UTF-8 --cmd '["java", "-version"]' --label "org.opencontainers.image.description=local JRE 17 base for the arroyo image test" "$ctr"
buildah commit --quiet "$ctr" "$IMAGE" >/dev/null
echo "local-base: committed $IMAGE"
