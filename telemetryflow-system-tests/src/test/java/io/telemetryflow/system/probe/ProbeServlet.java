package io.telemetryflow.system.probe;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
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
import java.util.stream.Collectors;

/**
 * POST /retry-probe/send?id=X sends a probe message to aggregation;
 * GET /retry-probe/attempts?id=X lists its delivery attempts ("count@millis" per line);
 * GET /retry-probe/dead-letters?id=X counts it in aggregation.DLQ.
 */
@WebServlet("/*")
public class ProbeServlet extends HttpServlet {

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/aggregation")
    Queue ingestion;

    @Resource(lookup = "java:/jms/queue/aggregation.DLQ")
    Queue deadLetters;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Message message = jms.createTextMessage("retry probe");
        try {
            message.setStringProperty("probeId", request.getParameter("id"));
        } catch (JMSException e) {
            throw new IOException(e);
        }
        jms.createProducer().send(ingestion, message);
        response.setStatus(202);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        response.setContentType("text/plain");
        if (request.getPathInfo().equals("/attempts")) {
            response.getWriter().print(ProbeRecorder.attempts(id).stream()
                    .map(attempt -> attempt.deliveryCount() + "@" + attempt.atMillis())
                    .collect(Collectors.joining("\n")));
        } else {
            try (QueueBrowser browser = jms.createBrowser(deadLetters, "probeId = '" + id.replaceAll("[^A-Za-z0-9-]", "") + "'")) {
                response.getWriter().print(Collections.list(browser.getEnumeration()).size());
            } catch (JMSException e) {
                throw new IOException(e);
            }
        }
    }
}
