package dialtone.backend.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.AdminAuth;
import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.TenantConfig;
import dialtone.backend.admin.ProvisioningService;
import dialtone.model.BackendClock;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.ProvisioningSummary;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates of the console over SSE ({@code GET /console/v1/events}): each event is a
 * {@link Snapshot} of one tenant's provisioning view, sent on connect and whenever it changes.
 *
 * <p>Change detection does not hook into the services: after every request that may change state
 * (anything but GET), the snapshots of tenants with an open stream are recomputed and pushed if
 * they differ. All stream state lives on one worker thread, so no event overtakes another.
 *
 * <p>Authentication: {@code Authorization: Bearer <admin token>}, or, for {@code EventSource} (which
 * cannot send headers), a single-use ticket from {@code POST /console/v1/tickets} in the query, so
 * the admin token never appears in a URL. {@code ?once=true} answers the current snapshot and ends
 * the response: for browsers without a working {@code EventSource} (HtmlUnit has only a stub, see
 * HtmlUnit issue 395; a held request would block its single JavaScript thread), which then refresh
 * after their own actions instead of live.
 */
public final class ConsoleEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);
    public static final String EVENTS = "/console/v1/events";
    public static final String TICKETS = "/console/v1/tickets";
    static final String EVENT_NAME = "records";
    static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);
    /** Well inside Jetty's idle timeout, so an idle stream is never cut. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(25);
    private static final String TENANT_ATTRIBUTE = "dialtone.console.tenant";

    /** What the console shows for one tenant. */
    public record Snapshot(String tenantId, String organizationName, ProvisioningSummary summary,
                           List<ProvisioningRecord> waitingOnActivation, List<ProvisioningRecord> waitingForSignIn) {
    }

    public record Ticket(String ticket, Instant expiresDateTime) {
    }

    private record IssuedTicket(String tenantId, Instant expiresAt) {
    }

    private static final class Listener {
        final SseClient client;
        final boolean once;

        Listener(SseClient client, boolean once) {
            this.client = client;
            this.once = once;
        }
    }

    /** One tenant's stream state; touched on the worker thread only. */
    private static final class Feed {
        final List<Listener> listeners = new ArrayList<>();
        String json;
        long version;
    }

    private final ProvisioningService provisioning;
    private final Directory directory;
    private final ObjectMapper mapper;
    private final BackendClock clock;
    private final String epoch = Secrets.randomToken(6); // event ids of an earlier run never match this one's
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-events");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Feed> feeds = new HashMap<>();
    private final Map<String, IssuedTicket> tickets = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final SseHandler sse = new SseHandler(this::connected);

    public ConsoleEvents(ProvisioningService provisioning, Directory directory, ObjectMapper mapper, BackendClock clock) {
        this.provisioning = provisioning;
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
        worker.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void register(RoutesConfig routes) {
        routes.post(TICKETS, ctx -> ctx.json(issueTicket(AdminAuth.tenant(ctx, directory))));
        routes.get(EVENTS, this::events);
        routes.after(ctx -> {
            if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())) {
                changed();
            }
        });
    }

    /** Something may have changed: recompute the open streams' snapshots (coalesced, off the request thread). */
    public void changed() {
        if (openStreams.get() > 0 && refreshQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                refreshQueued.set(false);
                feeds.forEach((tenantId, feed) -> {
                    if (!feed.listeners.isEmpty()) {
                        refresh(tenantId, feed);
                    }
                });
            });
        }
    }

    private Ticket issueTicket(TenantConfig tenant) {
        Instant now = clock.instant();
        tickets.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        String ticket = Secrets.randomToken(32);
        Instant expires = now.plus(TICKET_LIFETIME);
        tickets.put(ticket, new IssuedTicket(tenant.tenantId(), expires));
        return new Ticket(ticket, expires);
    }

    private void events(Context ctx) throws Exception {
        TenantConfig tenant = streamTenant(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "not_acceptable", EVENTS + " streams server-sent events;"
                    + " send Accept: text/event-stream");
        }
        ctx.attribute(TENANT_ATTRIBUTE, tenant);
        sse.handle(ctx);
    }

    /** The bearer's tenant, or the tenant of a ticket (spent by this call). */
    private TenantConfig streamTenant(Context ctx) {
        String ticket = ctx.queryParam("ticket");
        if (ticket == null) {
            return AdminAuth.tenant(ctx, directory);
        }
        IssuedTicket issued = tickets.remove(ticket);
        if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
            throw new ApiException(401, "unauthorized", "the stream ticket is unknown, used or expired;"
                    + " get a new one from POST " + TICKETS);
        }
        return directory.tenant(issued.tenantId())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "the ticket's tenant no longer exists"));
    }

    private void connected(SseClient client) {
        Context ctx = client.ctx();
        TenantConfig tenant = ctx.attribute(TENANT_ATTRIBUTE);
        String lastEventId = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
        Listener listener = new Listener(client, "true".equals(ctx.queryParam("once")));
        client.keepAlive();
        openStreams.incrementAndGet();
        client.onClose(() -> worker.execute(() -> detach(tenant.tenantId(), listener)));
        worker.execute(() -> attach(tenant.tenantId(), listener, lastEventId));
    }

    private void attach(String tenantId, Listener listener, String lastEventId) {
        Feed feed = feeds.computeIfAbsent(tenantId, id -> new Feed());
        refresh(tenantId, feed);
        if (listener.once || !id(feed).equals(lastEventId)) {
            send(feed, listener);
        }
        if (!listener.once) {
            feed.listeners.add(listener);
        }
    }

    private void detach(String tenantId, Listener listener) {
        openStreams.decrementAndGet();
        Feed feed = feeds.get(tenantId);
        if (feed != null) {
            feed.listeners.remove(listener);
        }
    }

    /** Recomputes the tenant's snapshot; if it changed, every listener gets it. */
    private void refresh(String tenantId, Feed feed) {
        String json = toJson(snapshot(tenantId));
        if (json.equals(feed.json)) {
            return;
        }
        feed.json = json;
        feed.version++;
        for (Listener listener : List.copyOf(feed.listeners)) {
            send(feed, listener);
        }
    }

    private void send(Feed feed, Listener listener) {
        if (listener.client.terminated()) {
            feed.listeners.remove(listener);
            return;
        }
        listener.client.sendEvent(EVENT_NAME, feed.json, id(feed));
        if (listener.once) {
            listener.client.close();
        }
    }

    private void keepAlive() {
        try {
            feeds.values().forEach(feed -> feed.listeners.forEach(l -> {
                if (!l.client.terminated()) {
                    l.client.sendComment("keep-alive");
                }
            }));
        } catch (RuntimeException e) {
            log.warn("console keep-alive failed; the next round retries", e); // a periodic task must not die
        }
    }

    private String id(Feed feed) {
        return epoch + "-" + feed.version;
    }

    Snapshot snapshot(String tenantId) {
        TenantConfig tenant = directory.requireTenant(tenantId);
        return new Snapshot(tenant.tenantId(), tenant.organizationName(), provisioning.summary(tenant),
                provisioning.devices(tenant, Optional.of(ProvisioningState.WAITING_ON_ACTIVATION)),
                provisioning.devices(tenant, Optional.of(ProvisioningState.WAITING_FOR_SIGN_IN)));
    }

    private String toJson(Snapshot snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every open stream, so stopping the server does not wait for them. */
    @Override
    public void close() {
        try {
            worker.submit(() -> feeds.values().forEach(feed -> List.copyOf(feed.listeners).forEach(l -> l.client.close())))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("could not end every console stream cleanly", e);
        } finally {
            worker.shutdownNow();
        }
    }
}
