package store

import "io"

// writeDump writes a dump held in memory as indented JSON, byte for byte
// as ExportDump writes the database it was read from. Characters that
// could hide or reorder text on a terminal are escaped (safejson).
func writeDump(w io.Writer, d *Dump) error {
	dw := newDumpWriter(w, MaxDumpSize)
	if err := dw.begin(d); err != nil {
		return err
	}
	if err := dw.section("assessments"); err != nil {
		return err
	}
	for i := range d.Assessments {
		if err := dw.assessment(&d.Assessments[i]); err != nil {
			return err
		}
	}
	if err := dw.section("answers"); err != nil {
		return err
	}
	for i := range d.Answers {
		if err := dw.answer(&d.Answers[i]); err != nil {
			return err
		}
	}
	if err := dw.section("metric_values"); err != nil {
		return err
	}
	for i := range d.Values {
		if err := dw.value(&d.Values[i]); err != nil {
			return err
		}
	}
	if err := dw.section("capacity"); err != nil {
		return err
	}
	for i := range d.Capacity {
		if err := dw.capacity(&d.Capacity[i]); err != nil {
			return err
		}
	}
	if err := dw.section("initiatives"); err != nil {
		return err
	}
	for i := range d.Initiatives {
		if err := dw.initiative(&d.Initiatives[i]); err != nil {
			return err
		}
	}
	if err := dw.section("history"); err != nil {
		return err
	}
	for i := range d.History {
		if err := dw.event(&d.History[i]); err != nil {
			return err
		}
	}
	return dw.end()
}
