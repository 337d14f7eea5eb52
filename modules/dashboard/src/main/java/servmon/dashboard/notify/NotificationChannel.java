package servmon.dashboard.notify;

/** Where alerts go: a webhook or the e-mail recipients. */
interface NotificationChannel {

    /** How the log and the page name it, e.g. "webhook ops-chat" or "email". */
    String name();

    /**
     * Sends one alert, once (the dispatcher retries).
     *
     * @throws TransientDeliveryException when trying again may help (a 5xx, a timeout, the server unreachable)
     * @throws Exception                  when it will not (a 4xx, a refused address)
     */
    void send(Alert alert) throws Exception;
}
