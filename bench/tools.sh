# Sourced by the benchmarks: installs what they run that a new machine lacks (Debian packages), once.
need() { # command=package ...
    local missing=() spec
    for spec in "$@"; do
        command -v "${spec%%=*}" > /dev/null || missing+=("${spec#*=}")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "installing ${missing[*]}" >&2
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null 2>&1 \
        || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null; }
}
need wrk=wrk jq=jq bc=bc curl=curl createdb=postgresql-client psql=postgresql-client
