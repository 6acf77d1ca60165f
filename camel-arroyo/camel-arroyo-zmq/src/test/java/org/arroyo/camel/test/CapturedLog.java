package org.arroyo.camel.test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The log events of one logger (and its children) while open, as the application's log would receive them. */
public final class CapturedLog implements AutoCloseable {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String loggerName;
    private final AbstractAppender appender;

    private CapturedLog(String loggerName) {
        this.loggerName = loggerName;
        this.appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        LoggerConfig config = new LoggerConfig(loggerName, Level.ALL, true);
        config.addAppender(appender, Level.ALL, null);
        context.getConfiguration().addLogger(loggerName, config);
        context.updateLoggers();
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }
}
