from django.urls import path

from samrad.workshops import consumers

websocket_urlpatterns = [
    path("ws/workshops/<int:pk>/", consumers.WorkshopConsumer.as_asgi()),
]
