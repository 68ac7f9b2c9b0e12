package e2e

// outputBadCases are output paths that must be refused: the database's
// own files, which an export or a backup would destroy, and paths whose
// names carry terminal escapes, which the error must not pass on raw.
func outputBadCases() []badCase {
	var cs []badCase
	add := func(name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: 1})
	}
	for _, side := range []struct{ suffix, what string }{
		{"-wal", "write-ahead log"}, {"-shm", "shared-memory index"}, {"-journal", "rollback journal"},
	} {
		p := "{dir}/roadmap.db" + side.suffix
		add("export/onto the database's "+side.what, "export", "-o", p)
		add("export/as JSON onto the database's "+side.what, "export", "--format", "json", "-o", p)
		add("export/as Markdown onto the database's "+side.what, "export", "--format", "markdown", "-o", p)
		add("model export/onto the database's "+side.what, "model", "export", "-o", p)
		add("backup/onto the database's "+side.what, "backup", p)
		add("backup/onto the database's "+side.what+", forced", "backup", "--force", p)
	}
	add("export/onto the database by another name", "export", "-o", "{dir}/sub/../roadmap.db")
	add("export/as JSON onto the database itself", "export", "--format", "json", "-o", "{dir}/roadmap.db")
	add("model export/onto the database itself", "model", "export", "-o", "{dir}/roadmap.db")
	add("export/into a file that is not a folder", "export", "-o", "{dir}/existing.db/roadmap.csv")
	add("backup/into a file that is not a folder", "backup", "{dir}/existing.db/backup.db")
	osc := "{dir}/missing\x1b]0;pwned\x07/"
	add("export/into a missing folder named with a terminal title escape", "export", "-o", osc+"roadmap.csv")
	add("model export/into a missing folder named with a terminal title escape", "model", "export", "-o", osc+"model.yaml")
	add("backup/into a missing folder named with a terminal title escape", "backup", osc+"backup.db")
	add("export/through a file, to a name with a screen-clearing escape", "export", "-o", "{dir}/existing.db/\x1b[2Jroadmap.csv")
	return cs
}
