"""Files the platform hands to other systems."""
