// Package metrics exposes the bot's figures in Prometheus' text format. It is
// the only importer of the Prometheus client.
package metrics

import (
	"net/http"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds the bot's collectors.
type Registry struct {
	reg      *prometheus.Registry
	Handlers *handlers.Metrics
}

// New registers the handlers' counters and the Go runtime's figures.
func New() *Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mail := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "affaldsbot_mail_total",
		Help: "Mails read from the shared mailbox, by outcome."}, []string{"outcome"})
	replies := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "affaldsbot_replies_total",
		Help: "Replies to citizens, by result."}, []string{"result"})
	posts := prometheus.NewCounter(prometheus.CounterOpts{Name: "affaldsbot_slack_posts_total",
		Help: "Messages posted to Slack by the sync jobs."})
	reg.MustRegister(mail, replies, posts)
	return &Registry{reg: reg, Handlers: &handlers.Metrics{
		MailEnquiries:  mail.WithLabelValues("enquiry"),
		MailFollowUps:  mail.WithLabelValues("follow_up"),
		MailIgnored:    mail.WithLabelValues("ignored"),
		MailUnparsable: mail.WithLabelValues("unparsable"),
		MailDuplicates: mail.WithLabelValues("duplicate"),
		RepliesSent:    replies.WithLabelValues("sent"),
		ReplyFailures:  replies.WithLabelValues("failed"),
		SlackPosts:     posts,
	}}
}

// Handler serves /metrics.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{})
}
