#!/usr/bin/env bash
# Runs the whole test suite on a machine with only a JDK: installs what the tests use from Debian's packages when it
# is missing, starts the services that are not running (and stops, on exit, the ones it started), then the Maven build.
#   ./test.sh                      everything (./mvnw -B verify)
#   ./test.sh -pl routes -am ...   any further arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# --- packages -------------------------------------------------------------------------------------------------------
missing=()
need() { # need COMMAND-OR-PATH PACKAGE...
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then missing+=("${@:2}"); fi
}
need redis-server redis-server
need openssl openssl
need /usr/sbin/rabbitmq-server rabbitmq-server
need /usr/sbin/nats-server nats-server
need /usr/sbin/mosquitto mosquitto
need /usr/bin/chromium chromium
need /usr/bin/chromedriver chromium-driver
/usr/bin/python3 -c 'import zmq, msgpack, redis, websockets, numpy' >/dev/null 2>&1 \
  || missing+=(python3-zmq python3-msgpack python3-redis python3-websockets python3-numpy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- services -------------------------------------------------------------------------------------------------------
started=()
stop_started() {
  for s in "${started[@]}"; do
    echo "test.sh: stopping $s (started for the tests)"
    case "$s" in
      redis) redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true ;;
      rabbitmq) $SUDO rabbitmqctl stop >/dev/null 2>&1 || true ;;
      nats) $SUDO pkill -f '/usr/sbin/nats-server -a 127.0.0.1 -p 4222' || true ;;
      mosquitto) $SUDO pkill -x mosquitto || true ;;
    esac
  done
}
trap stop_started EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for NAME PORT SECONDS
  for _ in $(seq 1 $(($3 * 5))); do listening "$2" && return 0; sleep 0.2; done
  echo "test.sh: $1 did not come up on 127.0.0.1:$2 within $3 s" >&2
  return 1
}

start() { # start NAME PORT SECONDS COMMAND...
  local name=$1 port=$2 secs=$3
  shift 3
  if listening "$port"; then
    echo "test.sh: $name is running on 127.0.0.1:$port"
    return
  fi
  echo "test.sh: starting $name on 127.0.0.1:$port"
  "$@"
  wait_for "$name" "$port" "$secs"
  started+=("$name")
}

start redis 6379 10 redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
  --logfile /tmp/arroyo-test-redis.log
start rabbitmq 5672 90 $SUDO rabbitmq-server -detached
start nats 4222 15 $SUDO start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
  -a 127.0.0.1 -p 4222 -js -sd /tmp/arroyo-test-nats -l /tmp/arroyo-test-nats.log
start mosquitto 1883 15 $SUDO mosquitto -d -c /etc/mosquitto/mosquitto.conf

# --- the build ------------------------------------------------------------------------------------------------------
./mvnw -B verify "$@"
