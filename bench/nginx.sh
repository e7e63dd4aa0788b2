# Sourced by the benchmarks that need an upstream (proxy.sh, profile.sh): Debian's nginx, run as the current user
# from a temporary directory and stopped when the sourcing script exits (after whatever it trapped on EXIT before).
#   nginx_start NAME PORT SERVER-BLOCK [HTTP-BLOCK]   # one nginx, listening on 127.0.0.1:PORT
#   upstream_start                                    # the fixed upstream: GET /orders/* answers UPSTREAM_BODY on
#                                                     # 127.0.0.1:UPSTREAM_PORT
source bench/tools.sh
PATH=$PATH:/usr/sbin   # nginx's binary, for a user whose PATH lacks it
need nginx=nginx

source bench/variants.sh   # UPSTREAM_PORT
UPSTREAM_BODY='{"success":true,"data":{"orders":[]}}'

nginx_work=$(mktemp -d)
nginx_pids=()
nginx_cleanup() {
    for pid in "${nginx_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${nginx_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$nginx_work"
}
# shellcheck disable=SC2064 # the earlier trap's command, expanded now, runs after nginx's
trap "nginx_cleanup; $(trap -p EXIT | sed "s/^trap -- '\(.*\)' EXIT$/\1/")" EXIT

nginx_user=   # as root, nginx would run its workers as nobody without this
[ "$(id -u)" = 0 ] && nginx_user="user $(id -un) $(id -gn);"

nginx_start() { # name port server-block [http-block]
    local dir=$nginx_work/$1
    mkdir -p "$dir"
    cat > "$dir/nginx.conf" <<EOF
daemon off;
$nginx_user
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    ${4:-}
    server {
        listen 127.0.0.1:$2;
        $3
        location / {
            return 404;
        }
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    nginx_pids+=($!)
    for _ in $(seq 1 50); do
        curl -s -o /dev/null "http://127.0.0.1:$2/" && return
        sleep 0.1
    done
    echo "nginx $1 did not start on port $2:" >&2
    cat "$dir/error.log" >&2
    exit 1
}

upstream_start() {
    nginx_start upstream "$UPSTREAM_PORT" "location /orders/ {
            default_type application/json;
            return 200 '$UPSTREAM_BODY';
        }"
}
