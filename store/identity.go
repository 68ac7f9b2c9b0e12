package store

import (
	"context"
	"fmt"
	"strings"
)

// Role is what a user may do with the roadmap. Each role may do all that
// the ones before it may.
type Role string

// The roles, from the least to the most.
const (
	// RoleViewer reads everything: every view, export and report.
	RoleViewer Role = "viewer"
	// RolePlanner also changes the plan: initiatives, dependencies,
	// assessments, answers, metric values, capacity, the scheduler's
	// proposals, forced changes.
	RolePlanner Role = "planner"
	// RoleAdmin also replaces the model, imports roadmaps and dumps, and
	// manages the users.
	RoleAdmin Role = "admin"
)

// Roles lists the roles from the least to the most.
var Roles = []Role{RoleViewer, RolePlanner, RoleAdmin}

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q: want viewer, planner or admin", s)
}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// Allows reports whether the role may do what need allows.
func (r Role) Allows(need Role) bool { return r.rank() >= need.rank() && need.rank() >= 0 }

// Identity is who makes a call: a user's name, for the history, and
// role, which decides what the call may change.
type Identity struct {
	Name string
	Role Role
}

type identityKey struct{}

// WithIdentity returns a context under which the store acts for id: its
// writes are recorded under id.Name (as WithActor) and refused unless
// id.Role allows them (RoleError). A context without an identity is the
// local user's, who may do everything: the command line and dashboard on
// the user's own database.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(WithActor(ctx, id.Name), identityKey{}, id)
}

// IdentityOf returns the identity a context carries (WithIdentity); ok
// is false for the local user.
func IdentityOf(ctx context.Context) (id Identity, ok bool) {
	id, ok = ctx.Value(identityKey{}).(Identity)
	return id, ok
}

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

// RoleError refuses a call that the caller's role does not allow.
type RoleError struct {
	Who  Identity
	Need Role
	What string // what the call would have done: "changing the plan"
}

func (e *RoleError) Error() string {
	return fmt.Sprintf("%s is %s: %s needs the %s role; nothing was changed", e.Who.Name, e.Who.Role.Article(), e.What, e.Need)
}

// Access is what one operation of the store needs: the least role, and
// what it does, for the refusal.
type Access struct {
	Role Role
	What string
}

// The accesses of the store's operations. Every write states one
// (Store.write); the SSH server and the faces ask Allowed before offering
// an action, and the store refuses it anyway.
var (
	// PlanAccess changes initiatives and dependencies, forced or not, and
	// applies the scheduler's proposals.
	PlanAccess = Access{RolePlanner, "changing the plan"}
	// EvidenceAccess records assessments, answers and metric values.
	EvidenceAccess = Access{RolePlanner, "recording evidence"}
	// ModelAccess replaces the maturity model.
	ModelAccess = Access{RoleAdmin, "replacing the model"}
	// ImportAccess imports roadmaps, dumps and evidence in bulk.
	ImportAccess = Access{RoleAdmin, "importing"}
	// UsersAccess manages the users and reads them and their log.
	UsersAccess = Access{RoleAdmin, "managing users"}
	// logAccess records logins: the server's own writes, which any
	// session's connection causes.
	logAccess = Access{RoleViewer, "recording a login"}
)

// Allowed refuses with a RoleError what the context's identity may not
// do; the local user may do everything.
func Allowed(ctx context.Context, need Access) error {
	id, ok := IdentityOf(ctx)
	if !ok || id.Role.Allows(need.Role) {
		return nil
	}
	return &RoleError{Who: id, Need: need.Role, What: need.What}
}

// String is the role's name.
func (r Role) String() string { return string(r) }

// Article is the role's name after its article: "a viewer", "an admin".
func (r Role) Article() string {
	if strings.ContainsRune("aeiou", rune(string(r + " ")[0])) {
		return "an " + string(r)
	}
	return "a " + string(r)
}
