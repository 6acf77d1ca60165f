package org.arroyo.camel.zmq;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Run in a child JVM with a small heap by {@link ZmqOverloadTest}: a fast detector floods a pipeline whose operator
 * is slow and whose subscriber is slower still. Prints the heap used after each second and the messages moved.
 */
public final class OverloadMain {

    private OverloadMain() {
    }

    public static void main(String[] args) throws Exception {
        String in = args[0];
        String out = args[1];
        int seconds = Integer.parseInt(args[2]);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong fed = new AtomicLong();
        AtomicLong slowReceived = new AtomicLong();
        try (ZContext zmq = new ZContext(); CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + in + "?socketType=PULL&receiveHighWaterMark=16")
                            .process(e -> Thread.sleep(1))
                            .to("arroyo-zmq:" + out + "?socketType=PUB&sendHighWaterMark=16");
                }
            });
            context.start();
            Thread feeder = new Thread(() -> {
                try (ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
                    push.setSndHWM(16);
                    push.setSendTimeOut(100);
                    push.setHandshakeIvl(1000);
                    push.connect(in);
                    byte[] frame = new byte[64 * 1024];
                    while (running.get()) {
                        if (push.send(frame, 0)) {
                            fed.incrementAndGet();
                        }
                    }
                }
            });
            Thread slowSubscriber = new Thread(() -> {
                try (ZMQ.Socket sub = zmq.createSocket(SocketType.SUB)) {
                    sub.setRcvHWM(16);
                    sub.setReceiveTimeOut(100);
                    sub.setHandshakeIvl(1000);
                    sub.subscribe(ZMQ.SUBSCRIPTION_ALL);
                    sub.connect(out);
                    while (running.get()) {
                        if (sub.recv(0) != null) {
                            slowReceived.incrementAndGet();
                            Thread.sleep(5);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            feeder.start();
            slowSubscriber.start();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<Long> used = new ArrayList<>();
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                System.gc();
                used.add(memory.getHeapMemoryUsage().getUsed());
                System.out.println("heap " + used.get(used.size() - 1) + " fed " + fed.get() + " slow "
                                   + slowReceived.get());
            }
            running.set(false);
            feeder.join();
            slowSubscriber.join();
            System.out.println("DONE fed=" + fed.get() + " slow=" + slowReceived.get());
        }
    }
}
