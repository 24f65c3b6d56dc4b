"""The Planspor domain: the individuell plan as an event-sourced aggregate. Pure: no I/O."""
