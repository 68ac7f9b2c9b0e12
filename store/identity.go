package store

import "context"

type actorKey struct{}

// WithActor returns a context under which the store's writes are recorded
// in the history as made by name. The actor travels with each call, not
// with the store, so that one store shared by several people (the SSH
// server's sessions) records each change under the name of whoever made
// it. A write under a context without an actor records an empty name.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// actorOf is the actor a context carries (WithActor), "" without one.
func actorOf(ctx context.Context) string {
	name, _ := ctx.Value(actorKey{}).(string)
	return name
}
