#ifndef RECONCILE_CCURL_SHIM_H
#define RECONCILE_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
 * call. One typed wrapper per argument kind keeps every call type-checked. */

static inline CURLcode reconcile_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode reconcile_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode reconcile_curl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode reconcile_curl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode reconcile_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}

typedef size_t (*reconcile_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*reconcile_curl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                                curl_off_t ultotal, curl_off_t ulnow);

/* Write, header and read callbacks share one signature. */
static inline CURLcode reconcile_curl_setopt_data_callback(CURL *h, CURLoption o, reconcile_curl_data_callback f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode reconcile_curl_setopt_xferinfo_callback(CURL *h, reconcile_curl_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}

static inline CURLcode reconcile_curl_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode reconcile_curl_getinfo_double(CURL *h, CURLINFO i, double *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode reconcile_curl_getinfo_string(CURL *h, CURLINFO i, char **out) {
    return curl_easy_getinfo(h, i, out);
}

#endif
