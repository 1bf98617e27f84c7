/* The memory floor of the C libraries reconcile must use (Debian's libcurl, libsqlite3, libyaml), used
 * the way a pass uses them: one Engine API request over the nas engine's unix socket, one over mutual
 * TLS to the edge engine, a SQLite write in WAL mode, one YAML file parsed. scripts/bench measures its
 * peak RSS next to reconcile's, so the table shows how much of reconcile's is reconcile.
 *
 * Usage: floor LAB_DIR EDGE_PORT STATE_FILE YAML_FILE */
#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <yaml.h>

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data;
    (void)user;
    return size * count;
}

static int get(const char *lab, const char *url, int tls) {
    char path[4096];
    CURL *handle = curl_easy_init();
    curl_easy_setopt(handle, CURLOPT_URL, url);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    if (tls) {
        snprintf(path, sizeof path, "%s/tls/ca.pem", lab);
        curl_easy_setopt(handle, CURLOPT_CAINFO, path);
        snprintf(path, sizeof path, "%s/tls/client.pem", lab);
        curl_easy_setopt(handle, CURLOPT_SSLCERT, path);
        snprintf(path, sizeof path, "%s/tls/client-key.pem", lab);
        curl_easy_setopt(handle, CURLOPT_SSLKEY, path);
    } else {
        snprintf(path, sizeof path, "%s/nas/docker.sock", lab);
        curl_easy_setopt(handle, CURLOPT_UNIX_SOCKET_PATH, path);
    }
    CURLcode code = curl_easy_perform(handle);
    curl_easy_cleanup(handle);
    return code == CURLE_OK ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: floor LAB_DIR EDGE_PORT STATE_FILE YAML_FILE\n");
        return 2;
    }
    char url[256];
    int failures = 0;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    failures += get(argv[1], "http://localhost/v1.41/containers/json?all=1", 0);
    snprintf(url, sizeof url, "https://127.0.0.1:%s/v1.41/containers/json?all=1", argv[2]);
    failures += get(argv[1], url, 1);

    sqlite3 *db;
    if (sqlite3_open(argv[3], &db) != SQLITE_OK) return 1;
    failures += sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS t(x); INSERT INTO t VALUES(1);",
                             NULL, NULL, NULL) != SQLITE_OK;
    sqlite3_close(db);

    FILE *file = fopen(argv[4], "rb");
    if (!file) return 1;
    yaml_parser_t parser;
    yaml_document_t document;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    failures += !yaml_parser_load(&parser, &document);
    yaml_document_delete(&document);
    yaml_parser_delete(&parser);
    fclose(file);
    curl_global_cleanup();
    return failures ? 1 : 0;
}
