package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request body is read whole before a route runs, however it arrives: with its headers (taken at
 * once), in pieces (the first with the headers, the rest later: finished without a worker thread
 * waiting), or with the next request right behind it on the same connection (not a byte of that one
 * taken). The field the route names is in the body's last bytes, so an answer naming it shows the
 * route saw the whole body.
 */
class BodyInPiecesTest {
    private static final String BODY = "{\"identifier\":\"Smith\",\"phone\":\"not a phone\"}";
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = new RunningApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBodyThatCameWithItsHeadersIsReadWhole() throws Exception {
        try (Socket socket = connect()) {
            send(socket, headers(BODY.length(), true) + BODY);
            assertThat(answers(socket, 1)).containsExactly("400 phone");
        }
    }

    @Test
    void aBodyInThreePiecesIsReadWhole() throws Exception {
        try (Socket socket = connect()) {
            send(socket, headers(BODY.length(), true) + BODY.substring(0, 7));
            Thread.sleep(150);
            send(socket, BODY.substring(7, 25));
            Thread.sleep(150);
            send(socket, BODY.substring(25));
            assertThat(answers(socket, 1)).containsExactly("400 phone");
        }
    }

    @Test
    void twoRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        String second = "{\"phone\":\"+1 650 555 0101\"}";
        try (Socket socket = connect()) {
            send(socket, headers(BODY.length(), false) + BODY + headers(second.length(), true) + second);
            assertThat(answers(socket, 2)).containsExactly("400 phone", "400 identifier");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static String headers(int length, boolean last) {
        return "POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Requested-With: TherapyChat\r\n" + (last ? "Connection: close\r\n" : "")
                + "Content-Length: " + length + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Each answer until the server closes, as "status field" (the field its error names, or "-"). */
    private static List<String> answers(Socket socket, int expected) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        List<String> answers = new java.util.ArrayList<>();
        Matcher status = STATUS.matcher(text);
        while (status.find()) {
            int next = text.indexOf("HTTP/1.1 ", status.end());
            String one = text.substring(status.start(), next < 0 ? text.length() : next);
            Matcher field = Pattern.compile("\"field\":\"([a-zA-Z]+)\"").matcher(one);
            answers.add(status.group(1) + " " + (field.find() ? field.group(1) : "-"));
        }
        assertThat(answers).as(text).hasSize(expected);
        return answers;
    }
}
