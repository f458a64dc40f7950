package io.aihub.alerts;

import java.util.Properties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Plain-text e-mail over SMTP ({@code AIHUB_SMTP_*}); one message to all of the channel's recipients. */
@Component
class EmailSender implements ChannelSender {

    private final AlertProperties.Smtp smtp;
    private final JavaMailSenderImpl mail;

    EmailSender(AlertProperties properties) {
        this.smtp = properties.smtp();
        this.mail = new JavaMailSenderImpl();
        mail.setHost(smtp.host());
        mail.setPort(smtp.port());
        if (smtp.username() != null && !smtp.username().isEmpty()) {
            mail.setUsername(smtp.username());
            mail.setPassword(smtp.password());
        }
        Properties javaMail = mail.getJavaMailProperties();
        javaMail.put("mail.smtp.auth", String.valueOf(smtp.username() != null && !smtp.username().isEmpty()));
        javaMail.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        String timeout = String.valueOf(properties.httpTimeout().toMillis());
        javaMail.put("mail.smtp.connectiontimeout", timeout);
        javaMail.put("mail.smtp.timeout", timeout);
        javaMail.put("mail.smtp.writetimeout", timeout);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public String send(AlertChannel channel, AlertMessage message) {
        if (smtp.host() == null || smtp.host().isBlank()) {
            throw new IllegalStateException("no SMTP server configured (AIHUB_SMTP_HOST)");
        }
        SimpleMailMessage email = new SimpleMailMessage();
        email.setFrom(smtp.from());
        email.setTo(channel.recipients().toArray(String[]::new));
        email.setSubject(message.subject());
        email.setText(message.text());
        mail.send(email);
        return "sent to " + channel.recipients().size() + " recipient(s)";
    }
}
