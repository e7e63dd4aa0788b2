package ai.migma.gateway.usage;

/** The outcomes usage is split by. 403 and 429 stand apart: they are the ones a key's owner acts on. */
enum Outcome {
    SUCCESS, CLIENT_ERROR, FORBIDDEN, RATE_LIMITED, SERVER_ERROR;

    static Outcome of(int status) {
        if (status == 403) {
            return FORBIDDEN;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return status >= 400 ? CLIENT_ERROR : SUCCESS;
    }
}
