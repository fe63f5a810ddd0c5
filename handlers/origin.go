package handlers

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Origin names the chat input a reply comes from, as keys that stay the same
// however often the input is delivered: the modal's view, the message's
// channel and ts, the press of a button, the Socket Mode envelope and the
// Events API event. They are recorded in the reply's transaction, so the same
// input acted on again, after a restart or on another replica, sends nothing.
// An origin without keys (the terminal) is not checked.
type Origin []string

// ViewOrigin is a modal submission. A view is submitted once; its hash
// changes on every views.update, so the view's ID alone names it.
func ViewOrigin(viewID string) Origin { return keyed("view:", viewID) }

// MessageOrigin is a message someone wrote in a channel or thread.
func MessageOrigin(channel, ts string) Origin { return keyed("message:", channel, ":", ts) }

// ActionOrigin is one press of a button: its action on a message, and the
// press's own ts (the same root message carries the same button for life).
func ActionOrigin(actionID, messageTS, actionTS string) Origin {
	return keyed("action:", actionID, ":", messageTS, ":", actionTS)
}

// EnvelopeOrigin is a Socket Mode envelope.
func EnvelopeOrigin(id string) Origin { return keyed("envelope:", id) }

// ActivityOrigin is a Bot Framework activity (Microsoft Teams): a message,
// a card's button or a dialog's submission, redelivered with the same id.
func ActivityOrigin(id string) Origin { return keyed("activity:", id) }

// DialogOrigin is one opening of a Teams dialog (task module): the bot
// names it when it opens it, and it is submitted once.
func DialogOrigin(id string) Origin { return keyed("dialog:", id) }

// EventOrigin is an Events API event.
func EventOrigin(id string) Origin { return keyed("event:", id) }

// keyed joins parts into one key, none when any part is empty (an input
// that does not carry it).
func keyed(parts ...string) Origin {
	k := ""
	for i, p := range parts {
		if p == "" && i%2 == 1 {
			return nil
		}
		k += p
	}
	return Origin{k}
}

// With adds the keys of other.
func (o Origin) With(other ...Origin) Origin {
	out := append(Origin(nil), o...)
	for _, x := range other {
		out = append(out, x...)
	}
	return out
}

// errRepeat rolls back a change whose input was acted on before.
var errRepeat = errors.New("input acted on before")

// InputRetention is how long the keys of acted-on inputs are kept: far longer
// than Slack retries an event (three times within the hour) or redelivers an
// unacknowledged envelope.
const InputRetention = 7 * 24 * time.Hour

// PruneInputsArgs deletes the keys of inputs older than InputRetention.
type PruneInputsArgs struct{}

func (PruneInputsArgs) Kind() string { return "prune_inputs" }

// PruneInputs deletes the keys of inputs older than InputRetention; it runs
// every hour (jobs.Periodic).
func (s *Service) PruneInputs(ctx context.Context, _ PruneInputsArgs) error {
	n, err := s.DB.PruneInputs(ctx, s.DB.Now().Add(-InputRetention))
	if err != nil {
		return err
	}
	if n > 0 {
		s.Log.LogAttrs(ctx, slog.LevelInfo, "pruned chat inputs", slog.Int64("inputs", n))
	}
	return nil
}
