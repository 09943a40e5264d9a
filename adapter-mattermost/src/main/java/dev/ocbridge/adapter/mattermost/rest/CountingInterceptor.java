package dev.ocbridge.adapter.mattermost.rest;

import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.MetricsPort.RequestOutcome;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Reports how every request to Mattermost ended, each retry on its own: 2xx, 4xx, 429, 5xx or no answer. */
public final class CountingInterceptor implements Interceptor {
    private final MetricsPort metrics;

    public CountingInterceptor(MetricsPort metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            metrics.requestCompleted(MetricsPort.Server.CHAT, RequestOutcome.UNREACHABLE);
            throw e;
        }
        metrics.requestCompleted(MetricsPort.Server.CHAT, outcome(response.code()));
        return response;
    }

    static RequestOutcome outcome(int code) {
        if (code == 429) {
            return RequestOutcome.RATE_LIMITED;
        }
        if (code >= 500) {
            return RequestOutcome.SERVER_ERROR;
        }
        return code >= 400 ? RequestOutcome.REFUSED : RequestOutcome.OK;
    }
}
