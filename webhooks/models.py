"""Where page changes are sent (endpoints) and what happened to each send (deliveries)."""

import logging
import secrets
import time
from datetime import timedelta

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .addresses import UnsafeURL, post, validate
from .signing import EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, encode, sign

logger = logging.getLogger(__name__)


def generate_secret():
    """A fresh signing key per endpoint, so receivers never share one."""
    return secrets.token_hex(32)


class Action(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    MOVED = "moved", _("Moved")
    DELETED = "deleted", _("Deleted")


class WebhookEndpoint(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500, help_text=_("Receives a signed JSON POST per change."))
    secret = models.CharField(
        _("secret"),
        max_length=128,
        default=generate_secret,
        help_text=_("Give this to the receiver so it can verify the X-Webhook-Signature header."),
    )
    active = models.BooleanField(_("active"), default=True)
    on_published = models.BooleanField(_("page published"), default=True)
    on_unpublished = models.BooleanField(_("page unpublished"), default=True)
    on_moved = models.BooleanField(_("page moved"), default=True)
    on_deleted = models.BooleanField(_("page deleted"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.url:
            try:
                validate(self.url)
            except UnsafeURL as error:
                raise ValidationError({"url": error.messages}) from error


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} → {self.endpoint}"

    def attempt(self):
        """POST once and record the outcome; failures stay pending until the retry delays run out."""
        body = encode(self.payload)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "news-portal-webhooks",
            EVENT_HEADER: self.payload["event"],
            TIMESTAMP_HEADER: str(int(time.time())),
            SIGNATURE_HEADER: sign(self.endpoint.secret, body),
        }
        self.attempts += 1
        self.last_attempt_at = timezone.now()
        try:
            self.status_code = post(self.endpoint.url, body, headers, settings.WEBHOOKS_TIMEOUT)
        except (UnsafeURL, urllib3.exceptions.HTTPError, OSError) as error:
            # The admin sees a generic reason; what the network said (which ports are open inside) goes
            # to the server's log only.
            logger.warning("Webhook delivery %s to endpoint %s failed: %r", self.pk, self.endpoint_id, error)
            self.status_code = None
            self.last_error = str(failure_reason(error))
        else:
            self.last_error = "" if 200 <= self.status_code < 300 else f"HTTP {self.status_code}"
        delays = settings.WEBHOOKS_RETRY_DELAYS
        if not self.last_error:
            self.status, self.next_attempt_at = self.Status.SUCCEEDED, None
        elif self.attempts > len(delays):
            self.status, self.next_attempt_at = self.Status.FAILED, None
        else:
            self.next_attempt_at = self.last_attempt_at + timedelta(seconds=delays[self.attempts - 1])
        self.save()


def failure_reason(error):
    if isinstance(error, UnsafeURL):
        return _("Host not found") if error.code == "unresolvable" else _("Address not allowed")
    if isinstance(error, urllib3.exceptions.NewConnectionError):  # a subclass of urllib3's TimeoutError
        return _("Connection failed")
    if isinstance(error, urllib3.exceptions.TimeoutError | TimeoutError):
        return _("Timed out")
    return _("Connection failed")
