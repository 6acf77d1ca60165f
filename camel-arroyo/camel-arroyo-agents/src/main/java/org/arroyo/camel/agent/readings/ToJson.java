package org.arroyo.camel.agent.readings;

import java.util.List;

import org.arroyo.camel.agent.Agent;

/**
 * Agent 3 of the sensor-readings job (routes/kafka-agents.yaml): one message to JSON text. A summary becomes {@code
 * {"summary":"..."}}; a batch's summaries that travel as one message (the batching agent's {@code splitResults=false})
 * become {@code {"summaries":[...]}}.
 */
public class ToJson implements Agent {

    @Override
    public List<?> process(List<?> records) {
        return records.stream().map(ToJson::json).toList();
    }

    private static String json(Object message) {
        if (message instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("{\"summaries\":[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(list.get(i)));
            }
            return sb.append("]}").toString();
        }
        return "{\"summary\":" + quote(message) + "}";
    }

    private static String quote(Object value) {
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
