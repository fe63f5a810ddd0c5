package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// maxAnswer bounds the text kept of one answer, maxChunks the events read;
// a model that runs on is cut.
const (
	maxAnswer = 64 << 10
	maxChunks = 100_000
)

// temperature keeps answers close to the guidance.
const temperature = 0.2

// Stream asks the model for one answer to the system and user messages and
// calls onDelta with the text so far as it arrives (server-sent events). It
// returns the whole answer, or an error when the provider fails, answers
// nothing, or does not finish within the configured timeout.
func (c *Client) Stream(ctx context.Context, system, user string, onDelta func(textSoFar string)) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := openai.ChatCompletionRequest{Model: c.model, Stream: true, Temperature: temperature,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		}}
	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", c.fail(ctx, err)
	}
	defer stream.Close()
	text, err := read(stream, onDelta)
	if err != nil {
		return text, c.fail(ctx, err)
	}
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("llm %s: empty answer", c.model)
	}
	return text, nil
}

// read collects the deltas until the stream ends.
func read(stream *openai.ChatCompletionStream, onDelta func(string)) (string, error) {
	var b strings.Builder
	for n := 0; n < maxChunks && b.Len() < maxAnswer; n++ {
		res, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		} else if err != nil {
			return b.String(), err
		}
		if len(res.Choices) == 0 || res.Choices[0].Delta.Content == "" {
			continue
		}
		b.WriteString(res.Choices[0].Delta.Content)
		if onDelta != nil {
			onDelta(b.String())
		}
	}
	return b.String(), nil
}

// fail names the timeout plainly; other errors keep the provider's words.
func (c *Client) fail(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("llm %s: no answer within %s: %w", c.model, c.timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("llm %s: %w", c.model, err)
}
