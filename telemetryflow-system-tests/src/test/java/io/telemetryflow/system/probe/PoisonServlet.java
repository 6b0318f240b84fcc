package io.telemetryflow.system.probe;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * POST /poison-probe/?batch=X puts an unreadable batch (garbage payload, valid routing properties)
 * on otlp-ingestion, as a corrupted message would look; POST /poison-probe/batch?batch=X puts the
 * request body, an IngestBatch in its wire format, on otlp-batches with that batch id; GET
 * /poison-probe/?batch=X answers the dead-letter reason the platform attached to request X in
 * otlp-ingestion.DLQ, or 404 while there is none.
 */
@WebServlet("/*")
public class PoisonServlet extends HttpServlet {

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/otlp-ingestion")
    Queue ingestion;

    @Resource(lookup = "java:/jms/queue/otlp-batches")
    Queue batches;

    @Resource(lookup = "java:/jms/queue/otlp-ingestion.DLQ")
    Queue deadLetters;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/batch".equals(request.getPathInfo())) {
            try {
                BytesMessage message = jms.createBytesMessage();
                message.writeBytes(request.getInputStream().readAllBytes());
                message.setStringProperty("tfBatchId", request.getParameter("batch"));
                jms.createProducer().send(batches, message);
            } catch (JMSException e) {
                throw new IOException(e);
            }
            response.setStatus(202);
            return;
        }
        try {
            BytesMessage message = jms.createBytesMessage();
            message.writeBytes(new byte[]{0x0a, 0x7f, 0x01, 0x02});
            message.setStringProperty("tfSignal", "TRACES");
            message.setStringProperty("tfBatchId", request.getParameter("batch"));
            message.setStringProperty("tfOrganizationId", UUID.randomUUID().toString());
            message.setStringProperty("tfWorkspaceId", UUID.randomUUID().toString());
            message.setStringProperty("tfTenantId", UUID.randomUUID().toString());
            jms.createProducer().send(ingestion, message);
        } catch (JMSException e) {
            throw new IOException(e);
        }
        response.setStatus(202);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String batch = request.getParameter("batch").replaceAll("[^A-Za-z0-9-]", "");
        try (QueueBrowser browser = jms.createBrowser(deadLetters, "tfBatchId = '" + batch + "'")) {
            List<?> found = Collections.list(browser.getEnumeration());
            if (found.isEmpty()) {
                response.setStatus(404);
                return;
            }
            response.setContentType("text/plain");
            response.getWriter().print(((Message) found.get(0)).getStringProperty("tfDeadLetterReason"));
        } catch (JMSException e) {
            throw new IOException(e);
        }
    }
}
